namespace HaScheduler.Cli.Rendering;

// The node's cluster JSON (GET /cluster/status and the /admin actions), as far as the CLI reads it.

public sealed record ClusterStatusView(
    string Node,
    string SelfStatus,
    string? Leader,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<string> Unreachable,
    SchedulerView? Scheduler,
    IReadOnlyList<LeaseView> Leases);

public sealed record MemberView(
    string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, string AppVersion);

public sealed record SchedulerView(
    string Node,
    long Epoch,
    DateTimeOffset StartedAt,
    int Schedules,
    int ActiveScheduleActors,
    int FiredLastMinute,
    long Skipped,
    DateTimeOffset? LastChangeAppliedAt,
    DateTimeOffset? OldestPendingClaim);

public sealed record LeaseView(
    string Name, string? Holder, long Epoch, DateTimeOffset? AcquiredAt, DateTimeOffset? RenewedAt,
    DateTimeOffset? ExpiresAt);

public sealed record MemberActionView(string Action, string Address, string Status);

public sealed record DownUnreachableView(IReadOnlyList<string> Downed);

public sealed record HandoverView(string From, long Epoch, string ExpectedSuccessor);
