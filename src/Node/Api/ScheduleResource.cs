using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;

namespace HaScheduler.Node.Api;

/// <summary>A schedule as the API returns it. Instants are UTC (RFC 3339, <c>Z</c>).</summary>
public sealed record ScheduleResource(
    string Id,
    string Name,
    string Type,
    ScheduleDefinitionResource Definition,
    string MisfirePolicy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version,
    DateTime? NextFireAt)
{
    /// <summary>The value of the <c>ETag</c> header for <paramref name="schedule"/>.</summary>
    public static string ETagOf(Schedule schedule) => $"\"{schedule.Version}\"";

    public static ScheduleResource From(Schedule schedule, DateTimeOffset now)
    {
        var spec = schedule.Spec;
        return new ScheduleResource(
            schedule.Id,
            spec.Name,
            ScheduleTypes.ToWire(spec.Type),
            ScheduleDefinitionResource.From(spec.Type, spec.Definition),
            MisfirePolicies.ToWire(spec.Misfire),
            schedule.CreatedAt.UtcDateTime,
            schedule.UpdatedAt.UtcDateTime,
            schedule.Version,
            Occurrences.NextAfter(spec, schedule.AnchorAt, now)?.UtcDateTime);
    }
}
