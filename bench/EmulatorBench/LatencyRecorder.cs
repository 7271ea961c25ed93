using System.Diagnostics;

namespace HaScheduler.EmulatorBench;

/// <summary>
/// Exact latency distribution: raw Stopwatch tick deltas kept per recorder and sorted once at the end.
/// Runs are bounded in time, so the arrays stay a few megabytes at most; not thread-safe (one per client).
/// </summary>
public sealed class LatencyRecorder
{
    private long[] _ticks = new long[16 * 1024];

    public int Count { get; private set; }

    public void Record(long elapsedTicks)
    {
        if (Count == _ticks.Length) Array.Resize(ref _ticks, _ticks.Length * 2);
        _ticks[Count++] = elapsedTicks;
    }

    public static LatencySummary Summarize(IReadOnlyCollection<LatencyRecorder> recorders, TimeSpan elapsed)
    {
        var all = new long[recorders.Sum(r => r.Count)];
        var offset = 0;
        foreach (var recorder in recorders)
        {
            Array.Copy(recorder._ticks, 0, all, offset, recorder.Count);
            offset += recorder.Count;
        }

        Array.Sort(all);
        return new LatencySummary(
            all.Length,
            all.Length / elapsed.TotalSeconds,
            Percentile(all, 0.50),
            Percentile(all, 0.99),
            Percentile(all, 0.999),
            all.Length == 0 ? double.NaN : ToMs(all[^1]),
            all.Length == 0 ? double.NaN : ToMs(all[0]));
    }

    private static double Percentile(long[] sorted, double quantile)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return ToMs(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
