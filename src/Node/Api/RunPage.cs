namespace HaScheduler.Node.Api;

/// <summary>
/// One page of runs, newest first; pass <paramref name="NextBefore"/> as <c>before</c> (null on the
/// last page).
/// </summary>
public sealed record RunPage(IReadOnlyList<RunResource> Items, DateTime? NextBefore);
