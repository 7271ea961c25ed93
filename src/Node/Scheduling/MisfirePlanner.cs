using HaScheduler.Messages;

namespace HaScheduler.Node.Scheduling;

/// <summary>Splits missed occurrences into those to fire late and those to record as skipped.</summary>
public static class MisfirePlanner
{
    /// <summary>
    /// Applies <paramref name="policy"/> to <paramref name="missedOldestFirst"/>. Both lists of the plan
    /// keep the input order (oldest first), and together they hold every input instant exactly once.
    /// </summary>
    public static MisfirePlan Plan(IReadOnlyList<DateTimeOffset> missedOldestFirst, MisfirePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(missedOldestFirst);
        if (missedOldestFirst.Count == 0)
        {
            return new MisfirePlan([], []);
        }

        return policy switch
        {
            MisfirePolicy.FireOnce => new MisfirePlan(
                [missedOldestFirst[^1]], missedOldestFirst.SkipLast(1).ToList()),
            MisfirePolicy.FireAll => new MisfirePlan(missedOldestFirst.ToList(), []),
            MisfirePolicy.Skip => new MisfirePlan([], missedOldestFirst.ToList()),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown misfire policy"),
        };
    }
}
