using Xunit;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>
/// The guarantees every failover scenario must keep, checked from two independent sources: the <c>runs</c>
/// ledger (read from MongoDB) and the <c>schedule fired</c> action log lines of every process of every node
/// (a killed or replaced process included).
/// </summary>
/// <remarks>
/// Window edges (the documented tolerance): occurrences newer than <see cref="TrailingEdge"/> before the
/// snapshot may still be in flight and are not required; a definition changed while a scheduler was running is
/// applied from the moment the change stream delivers it (earlier instants of the new definition were never
/// due), so its first <see cref="ChangeEdge"/> is not required either; the old definition is required until
/// <see cref="ChangeEdge"/> before the change.
/// </remarks>
internal static class LedgerInvariants
{
    public static readonly TimeSpan TrailingEdge = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan ChangeEdge = TimeSpan.FromSeconds(1);

    /// <summary>A run in one of these states was executed at most once; <c>skipped</c> was recorded, not run.</summary>
    private static readonly HashSet<string> Accounted = ["fired", "skipped", "claimed", "unknown", "failed"];

    public static LedgerReport Check(
        ScheduleWorkload workload, IReadOnlyList<LedgerRun> runs, IReadOnlyList<FiredLine> fired,
        DateTimeOffset snapshotAt)
    {
        AssertNoOccurrenceExecutedTwice(fired);
        AssertEveryExecutionWasClaimedUnderItsEpoch(runs, fired);
        AssertClaimsAfterTakeoverCarryTheNewEpoch(runs);
        var expected = AssertNoOccurrenceLost(workload, runs, snapshotAt - TrailingEdge);
        AssertNothingRunsAfterDeletion(workload, runs);
        return new LedgerReport(
            expected,
            fired.Count,
            runs.Count(r => r.Status == "skipped"),
            runs.Count(r => r.Status is "claimed" or "unknown"),
            runs.Select(r => r.Epoch).Distinct().Order().ToArray());
    }

    /// <summary>At most once: the action logs of all nodes together name each occurrence at most once.</summary>
    public static void AssertNoOccurrenceExecutedTwice(IReadOnlyList<FiredLine> fired)
    {
        var twice = Duplicates(fired);
        Assert.True(twice.Count == 0,
            "executed twice: " + string.Join("; ", twice.Take(10).Select(g => string.Join(" & ", g))));
    }

    /// <summary>Occurrences executed more than once, with every execution of each.</summary>
    public static IReadOnlyList<IGrouping<(string, DateTimeOffset), FiredLine>> Duplicates(
        IReadOnlyList<FiredLine> fired) =>
        fired.GroupBy(f => (f.ScheduleId, f.Occurrence)).Where(g => g.Count() > 1).ToArray();

    /// <summary>Every execution has its ledger record, claimed by the same node under the same epoch.</summary>
    public static void AssertEveryExecutionWasClaimedUnderItsEpoch(
        IReadOnlyList<LedgerRun> runs, IReadOnlyList<FiredLine> fired)
    {
        var byKey = runs.ToDictionary(r => (r.ScheduleId, r.Occurrence));
        var orphans = fired
            .Where(f => !byKey.TryGetValue((f.ScheduleId, f.Occurrence), out var run)
                        || run.Epoch != f.Epoch || run.Node != f.Node || run.Status == "skipped")
            .ToArray();
        Assert.True(orphans.Length == 0,
            "executions without a matching claim: " + string.Join("; ", orphans.Take(10)));
    }

    /// <summary>
    /// Fencing: once an epoch has claimed anything, no lower epoch claims again (claimed_at is the claiming
    /// node's clock; every node of these tests shares the machine's clock).
    /// </summary>
    public static void AssertClaimsAfterTakeoverCarryTheNewEpoch(IReadOnlyList<LedgerRun> runs)
    {
        var firstClaim = runs.GroupBy(r => r.Epoch).ToDictionary(g => g.Key, g => g.Min(r => r.ClaimedAt));
        var stale = runs
            .Where(r => firstClaim.Any(e => e.Key > r.Epoch && r.ClaimedAt > e.Value))
            .ToArray();
        Assert.True(stale.Length == 0,
            "claims with an old epoch after a newer epoch's first claim: " + string.Join("; ", stale.Take(10)));
    }

    /// <summary>Every instant each definition owes up to <paramref name="until"/> is fired or recorded.</summary>
    public static int AssertNoOccurrenceLost(
        ScheduleWorkload workload, IReadOnlyList<LedgerRun> runs, DateTimeOffset until)
    {
        var (expected, missing) = Missing(workload, runs, until);
        Assert.True(missing.Count == 0,
            $"{missing.Count} of {expected} occurrences neither fired nor recorded: "
            + string.Join(", ", missing.Take(15)));
        return expected;
    }

    /// <summary>How many occurrences were owed up to <paramref name="until"/>, and those with no record.</summary>
    public static (int Expected, IReadOnlyList<string> Missing) Missing(
        ScheduleWorkload workload, IReadOnlyList<LedgerRun> runs, DateTimeOffset until)
    {
        var recorded = runs.Where(r => Accounted.Contains(r.Status))
            .Select(r => (r.ScheduleId, r.Occurrence)).ToHashSet();
        var missing = new List<string>();
        var expected = 0;
        foreach (var schedule in workload.Schedules)
        {
            for (var i = 0; i < schedule.Segments.Count; i++)
            {
                var segment = schedule.Segments[i];
                var from = i == 0 ? segment.Anchor : segment.Anchor + ChangeEdge;
                var end = segment.End is { } e ? Min(e - ChangeEdge, until) : until;
                foreach (var instant in segment.Instants(from, end))
                {
                    expected++;
                    if (!recorded.Contains((schedule.Id, instant)))
                    {
                        missing.Add($"{schedule.Id}@{instant:O}");
                    }
                }
            }
        }

        return (expected, missing);
    }

    /// <summary>A deleted schedule claims nothing due after its deletion was acknowledged (+ change edge).</summary>
    public static void AssertNothingRunsAfterDeletion(ScheduleWorkload workload, IReadOnlyList<LedgerRun> runs)
    {
        var late = workload.Schedules.Where(s => s.DeletedAt is not null)
            .SelectMany(s => runs.Where(r => r.ScheduleId == s.Id && r.Occurrence > s.DeletedAt + ChangeEdge))
            .ToArray();
        Assert.True(late.Length == 0, "runs after deletion: " + string.Join("; ", late.Take(10)));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>What a scenario's check saw, for the test output.</summary>
internal sealed record LedgerReport(int Expected, int Executions, int Skipped, int Uncertain, long[] Epochs)
{
    public override string ToString() =>
        $"expected {Expected}, executed {Executions}, skipped {Skipped}, claimed-without-outcome {Uncertain}, "
        + $"epochs [{string.Join(", ", Epochs)}]";
}
