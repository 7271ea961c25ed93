using System.Text.Json;

namespace HaScheduler.Cli.Rendering;

// The node's /schedules JSON, as far as the CLI reads it.

public sealed record ScheduleView(
    string Id,
    string Name,
    string Type,
    JsonElement Definition,
    string MisfirePolicy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    DateTimeOffset? NextFireAt);

public sealed record SchedulePageView(IReadOnlyList<ScheduleView> Items, string? NextAfter);

public sealed record RunView(
    DateTimeOffset Occurrence, DateTimeOffset? FiredAt, string Node, long Epoch, string Status, string? Error);

public sealed record RunPageView(IReadOnlyList<RunView> Items, DateTimeOffset? NextBefore);
