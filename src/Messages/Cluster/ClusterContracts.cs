using HaScheduler.Messages.Scheduler;

namespace HaScheduler.Messages.Cluster;

// The JSON contract of GET /cluster/status and the /admin actions (snake_case on the wire), shared by the node
// that serves it and the command-line client that renders it.

/// <summary><c>GET /cluster/status</c>: the cluster as this node sees it, the scheduler and the lease.</summary>
public sealed record ClusterStatusResponse(
    string Node,
    string SelfStatus,
    string? Leader,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<string> Unreachable,
    SchedulerStatusResponse? Scheduler,
    IReadOnlyList<LeaseView> Leases);

/// <param name="UpSince">When this node first saw the member up (null: not up yet).</param>
public sealed record MemberView(
    string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, string AppVersion,
    DateTimeOffset? UpSince = null);

public sealed record LeaseView(
    string Name, string? Holder, long Epoch, DateTimeOffset? AcquiredAt, DateTimeOffset? RenewedAt,
    DateTimeOffset? ExpiresAt);

public sealed record MemberActionResponse(string Action, string Address, string Status);

public sealed record DownUnreachableResponse(IReadOnlyList<string> Downed);

public sealed record HandoverResponse(string From, long Epoch, string ExpectedSuccessor);
