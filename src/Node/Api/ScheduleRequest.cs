using System.Text.Json;
using System.Text.Json.Serialization;
using HaScheduler.Node.Scheduling;

namespace HaScheduler.Node.Api;

/// <summary>
/// Body of <c>POST /schedules</c> and <c>PUT /schedules/{id}</c>, as sent. Everything is nullable and a
/// string so that <see cref="ScheduleValidator"/> decides what is acceptable and names the field at fault.
/// </summary>
public sealed record ScheduleRequest(
    string? Name,
    string? Type,
    ScheduleDefinitionInput? Definition,
    string? MisfirePolicy)
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

    /// <summary>Top-level fields that map to no property; see <see cref="ServerFields"/>.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}
