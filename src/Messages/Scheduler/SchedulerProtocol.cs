namespace HaScheduler.Messages.Scheduler;

/// <summary>Asks the scheduler singleton (through its proxy, from any node) how it is doing.</summary>
public sealed record GetSchedulerStatus
{
    public static readonly GetSchedulerStatus Instance = new();
}

/// <param name="Node">The node hosting the singleton (<c>host:port</c>).</param>
/// <param name="Epoch">The lease epoch the scheduler fences its claims with.</param>
/// <param name="Schedules">Schedules known to the scheduler.</param>
/// <param name="ActiveScheduleActors">Children alive (one per schedule with an occurrence ahead or pending).</param>
/// <param name="FiredLastMinute">Occurrences fired in the last 60 s.</param>
/// <param name="Skipped">Occurrences recorded as skipped since this scheduler started.</param>
/// <param name="LastChangeAppliedAt">When the last change-stream event was applied (null: none yet).</param>
/// <param name="OldestPendingClaim">Oldest due occurrence not yet claimed (claims lag), if any.</param>
public sealed record SchedulerStatusResponse(
    string Node,
    long Epoch,
    DateTimeOffset StartedAt,
    int Schedules,
    int ActiveScheduleActors,
    int FiredLastMinute,
    long Skipped,
    DateTimeOffset? LastChangeAppliedAt,
    DateTimeOffset? OldestPendingClaim);
