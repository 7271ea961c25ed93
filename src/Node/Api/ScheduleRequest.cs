using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using HaScheduler.Node.Scheduling;

namespace HaScheduler.Node.Api;

/// <summary>
/// Body of <c>POST /schedules</c> and <c>PUT /schedules/{id}</c>, as sent. Everything is nullable and a
/// string so that <see cref="ScheduleValidator"/> decides what is acceptable and names the field at fault.
/// </summary>
public sealed record ScheduleRequest
{
    /// <summary>
    /// Server-owned fields of a schedule. A client may send back what it read (GET, edit, PUT); these are
    /// ignored (concurrency goes through <c>If-Match</c>). Any other unknown field is rejected.
    /// </summary>
    public static readonly IReadOnlySet<string> ServerFields =
        new HashSet<string>(StringComparer.Ordinal)
        {
            "id", "created_at", "updated_at", "version", "next_fire_at",
        };

    [Description("1 to 200 characters")]
    public string? Name { get; init; }

    [Description("cron | duration | at_times")]
    public string? Type { get; init; }

    [Description("cron: cron_expression (+ time_zone); duration: interval (Go syntax, e.g. 300ms, 1h30m); "
        + "at_times: times (RFC 3339 instants with an offset)")]
    public ScheduleDefinitionInput? Definition { get; init; }

    [Description("fire_once (default) | fire_all | skip")]
    public string? MisfirePolicy { get; init; }

    /// <summary>Top-level fields that map to no property; see <see cref="ServerFields"/>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}
