namespace HaScheduler.Node.Api;

/// <summary>
/// One page of schedules; pass <paramref name="NextAfter"/> as <c>after</c> (null on the last page).
/// </summary>
public sealed record SchedulePage(IReadOnlyList<ScheduleResource> Items, string? NextAfter);
