using System.Diagnostics;

namespace HaScheduler.EmulatorBench;

/// <summary>
/// N clients each issuing one operation at a time for warm-up + duration; only operations that start
/// inside the measured window are recorded. Stops by itself when the window closes.
/// </summary>
public static class ClosedLoop
{
    /// <summary>Clients as thread-pool tasks (the driver's asynchronous API).</summary>
    public static async Task<LatencySummary> RunAsync(BenchOptions options,
        Func<int, long, Task> operation)
    {
        var window = new Window(options);
        var clients = Enumerable.Range(0, options.Clients).Select(client => Task.Run(async () =>
        {
            long sequence = 0;
            while (window.TryBegin(out var before))
            {
                await operation(client, sequence++);
                window.End(client, before);
            }
        }));
        await Task.WhenAll(clients);
        return window.Finish();
    }

    /// <summary>
    /// Clients as dedicated threads doing blocking calls (the raw wire client): no thread-pool hops on
    /// the client side, so the bench spends as little CPU as possible per operation.
    /// </summary>
    public static LatencySummary RunThreads(BenchOptions options, Action<int, long> operation)
    {
        var window = new Window(options);
        var errors = new Exception?[options.Clients];
        var threads = Enumerable.Range(0, options.Clients).Select(client => new Thread(() =>
        {
            try
            {
                long sequence = 0;
                while (window.TryBegin(out var before))
                {
                    operation(client, sequence++);
                    window.End(client, before);
                }
            }
            catch (Exception error)
            {
                // This client stops; the others run to the end of the window, then the run fails.
                errors[client] = error;
            }
        })
        { IsBackground = true, Name = $"raw-client-{client}" }).ToList();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        var failed = errors.Where(e => e is not null).Select(e => e!).ToList();
        if (failed.Count > 0) throw new AggregateException("a client stopped with an error", failed);
        return window.Finish();
    }

    /// <summary>The warm-up and measured window, the per-client recorders and the CPU samples.</summary>
    private sealed class Window
    {
        private readonly CpuMeter _meter;
        private readonly LatencyRecorder[] _recorders;
        private readonly long _measureFrom;
        private readonly long _measureTo;
        private readonly Lock _gate = new();
        private (TimeSpan Client, TimeSpan? Server)? _cpuAtStart;

        public Window(BenchOptions options)
        {
            _meter = new CpuMeter(options.ServerPid);
            _recorders = Enumerable.Range(0, options.Clients).Select(_ => new LatencyRecorder()).ToArray();
            var start = Stopwatch.GetTimestamp();
            _measureFrom = start + (long)(options.WarmUp.TotalSeconds * Stopwatch.Frequency);
            _measureTo = _measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        }

        /// <summary>False once the window has closed; samples CPU as the first measured op starts.</summary>
        public bool TryBegin(out long before)
        {
            before = Stopwatch.GetTimestamp();
            if (before >= _measureTo) return false;
            if (before >= _measureFrom && _cpuAtStart is null)
            {
                lock (_gate) _cpuAtStart ??= _meter.Sample();
            }

            return true;
        }

        public void End(int client, long before)
        {
            if (before >= _measureFrom) _recorders[client].Record(Stopwatch.GetTimestamp() - before);
        }

        public LatencySummary Finish()
        {
            // The window ends when the last recorded operation completes, which can overrun slightly.
            var elapsed = Stopwatch.GetElapsedTime(_measureFrom);
            var cpuAtEnd = _meter.Sample();
            var summary = LatencyRecorder.Summarize(_recorders, elapsed);
            if (_cpuAtStart is not { } first || summary.Count == 0) return summary;
            return summary with
            {
                ClientCpuMicros = (cpuAtEnd.Client - first.Client).TotalMicroseconds / summary.Count,
                ServerCpuMicros = (cpuAtEnd.Server - first.Server)?.TotalMicroseconds / summary.Count,
            };
        }
    }
}
