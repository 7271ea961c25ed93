using System.Diagnostics;

namespace HaScheduler.EmulatorBench;

/// <summary>
/// N clients each issuing one operation at a time for warm-up + duration; only operations that start
/// inside the measured window are recorded. Stops by itself when the window closes.
/// </summary>
public static class ClosedLoop
{
    public static async Task<LatencySummary> RunAsync(BenchOptions options,
        Func<int, long, Task> operation)
    {
        var meter = new CpuMeter(options.ServerPid);
        (TimeSpan Client, TimeSpan? Server)? cpuAtStart = null;
        var recorders = Enumerable.Range(0, options.Clients).Select(_ => new LatencyRecorder()).ToArray();
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(options.WarmUp.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var clients = recorders.Select((recorder, client) => Task.Run(async () =>
        {
            long sequence = 0;
            while (true)
            {
                var before = Stopwatch.GetTimestamp();
                if (before >= measureTo) return;
                if (before >= measureFrom && cpuAtStart is null)
                {
                    lock (recorders) cpuAtStart ??= meter.Sample();
                }

                await operation(client, sequence++);
                if (before >= measureFrom) recorder.Record(Stopwatch.GetTimestamp() - before);
            }
        }));
        await Task.WhenAll(clients);

        // The window ends when the last recorded operation completes, which can overrun measureTo slightly.
        var elapsed = Stopwatch.GetElapsedTime(measureFrom);
        var cpuAtEnd = meter.Sample();
        var summary = LatencyRecorder.Summarize(recorders, elapsed);
        if (cpuAtStart is not { } first || summary.Count == 0) return summary;
        return summary with
        {
            ClientCpuMicros = (cpuAtEnd.Client - first.Client).TotalMicroseconds / summary.Count,
            ServerCpuMicros = (cpuAtEnd.Server - first.Server)?.TotalMicroseconds / summary.Count,
        };
    }
}
