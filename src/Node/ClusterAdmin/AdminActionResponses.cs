namespace HaScheduler.Node.ClusterAdmin;

/// <summary>Reply to a leave or down: the member as it was when the action was sent.</summary>
/// <param name="Action"><c>leave</c> or <c>down</c>.</param>
/// <param name="Status">The member's status before the action (the change is asynchronous).</param>
public sealed record MemberActionResponse(string Action, string Address, string Status);

/// <summary>Reply to <c>POST /admin/down-unreachable</c>: the members this node marked down.</summary>
public sealed record DownUnreachableResponse(IReadOnlyList<string> Downed);

/// <summary>Reply to <c>POST /admin/scheduler/handover</c>.</summary>
/// <param name="From">The member that hosted the scheduler and was asked to leave.</param>
/// <param name="Epoch">The lease epoch of the scheduler that is handing over.</param>
/// <param name="ExpectedSuccessor">The oldest remaining member, where the singleton normally moves.</param>
public sealed record HandoverResponse(string From, long Epoch, string ExpectedSuccessor);
