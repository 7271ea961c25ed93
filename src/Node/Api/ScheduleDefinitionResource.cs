using System.Text.Json.Serialization;
using HaScheduler.Messages;

namespace HaScheduler.Node.Api;

/// <summary>A schedule's definition as returned: only the fields of its type are present.</summary>
public sealed record ScheduleDefinitionResource(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CronExpression,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TimeZone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Interval,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DateTime>? Times)
{
    public static ScheduleDefinitionResource From(ScheduleType type, ScheduleDefinition def) => type switch
    {
        ScheduleType.Cron => new(def.CronExpression, def.TimeZone, null, null),
        ScheduleType.Duration => new(null, null, def.Interval, null),

        // DateTime in UTC serialises as RFC 3339 with a Z suffix; DateTimeOffset would write +00:00.
        ScheduleType.AtTimes => new(null, null, null, [.. (def.Times ?? []).Select(t => t.UtcDateTime)]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
