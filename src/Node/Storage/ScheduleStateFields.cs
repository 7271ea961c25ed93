namespace HaScheduler.Node.Storage;

/// <summary>
/// Fields of a <c>schedule_state</c> document. <c>epoch</c> is the fence (raised on takeover);
/// <c>claim_epoch</c> and <c>node</c> belong to whoever claimed <c>last_occurrence</c>, so a claim that
/// never got its run document can be recorded as unknown under its real claimer.
/// </summary>
internal static class ScheduleStateFields
{
    public const string Id = "_id";
    public const string Epoch = "epoch";
    public const string LastOccurrence = "last_occurrence";
    public const string Node = "node";
    public const string ClaimEpoch = "claim_epoch";
    public const string UpdatedAt = "updated_at";
}
