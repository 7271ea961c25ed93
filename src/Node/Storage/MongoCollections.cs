namespace HaScheduler.Node.Storage;

/// <summary>Collection names (see docs/ARCHITECTURE.md, Collections).</summary>
public static class MongoCollections
{
    public const string Schedules = "schedules";
    public const string Leases = "leases";
    public const string ScheduleState = "schedule_state";
    public const string Runs = "runs";
}
