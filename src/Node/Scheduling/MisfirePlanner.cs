using HaScheduler.Messages;

namespace HaScheduler.Node.Scheduling;

/// <summary>Splits missed occurrences into those to fire late and those to record as skipped.</summary>
public static class MisfirePlanner
{
    public static MisfirePlan Plan(IReadOnlyList<DateTimeOffset> missedOldestFirst, MisfirePolicy policy) =>
        throw new NotImplementedException();
}

public sealed record MisfirePlan(IReadOnlyList<DateTimeOffset> Fire, IReadOnlyList<DateTimeOffset> Skip);
