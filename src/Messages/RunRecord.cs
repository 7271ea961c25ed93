namespace HaScheduler.Messages;

/// <summary>One occurrence in the run ledger; (ScheduleId, Occurrence) is unique.</summary>
public sealed record RunRecord(
    string ScheduleId,
    DateTimeOffset Occurrence,
    DateTimeOffset? FiredAt,
    string Node,
    long Epoch,
    RunStatus Status,
    string? Error = null);
