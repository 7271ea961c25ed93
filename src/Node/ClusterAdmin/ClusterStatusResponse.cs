namespace HaScheduler.Node.ClusterAdmin;

/// <summary><c>GET /cluster/status</c>: the cluster as this node sees it, the scheduler and the lease.</summary>
public sealed record ClusterStatusResponse(
    string Node,
    string SelfStatus,
    string? Leader,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<string> Unreachable,
    SchedulerView? Scheduler,
    IReadOnlyList<LeaseView> Leases);

public sealed record MemberView(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, string AppVersion);

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
