namespace HaScheduler.Messages;

/// <summary>
/// The type-specific part of a schedule, exactly one group set according to the type:
/// cron: <see cref="CronExpression"/> (+ optional <see cref="TimeZone"/>);
/// duration: <see cref="Interval"/>; at_times: <see cref="Times"/>.
/// </summary>
public sealed record ScheduleDefinition(
    string? CronExpression = null,
    string? TimeZone = null,
    string? Interval = null,
    IReadOnlyList<DateTimeOffset>? Times = null);
