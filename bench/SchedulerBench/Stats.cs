namespace HaScheduler.SchedulerBench;

/// <summary>Nearest-rank percentiles over a finished sample.</summary>
public static class Stats
{
    public static string Summary(IReadOnlyCollection<double> samples, string unit = "ms")
    {
        if (samples.Count == 0)
        {
            return "n=0";
        }

        var sorted = samples.Order().ToArray();
        return $"n={sorted.Length} p50={P(sorted, 50):F1}{unit} p90={P(sorted, 90):F1}{unit} "
               + $"p99={P(sorted, 99):F1}{unit} max={sorted[^1]:F1}{unit} min={sorted[0]:F1}{unit}";
    }

    public static double P(double[] sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
