namespace HaScheduler.Messages;

/// <summary>The kinds of schedule. Wire names (JSON and MongoDB) are snake_case: see <see cref="ScheduleTypes"/>.</summary>
public enum ScheduleType
{
    Cron,
    Duration,
    AtTimes,
}
