namespace HaScheduler.Node.Scheduling;

/// <summary>
/// What to do with missed occurrences: fire <see cref="Fire"/> late, record <see cref="Skip"/> as skipped;
/// both oldest first.
/// </summary>
public sealed record MisfirePlan(IReadOnlyList<DateTimeOffset> Fire, IReadOnlyList<DateTimeOffset> Skip);
