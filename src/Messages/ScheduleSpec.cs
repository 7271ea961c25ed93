namespace HaScheduler.Messages;

/// <summary>What a user writes: a validated schedule without server fields.</summary>
public sealed record ScheduleSpec(
    string Name,
    ScheduleType Type,
    ScheduleDefinition Definition,
    MisfirePolicy Misfire = MisfirePolicy.FireOnce);
