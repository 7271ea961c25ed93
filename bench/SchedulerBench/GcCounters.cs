using System.Diagnostics;

namespace HaScheduler.SchedulerBench;

/// <summary>
/// The managed heap size after the last GC, read with <c>dotnet-counters</c> when it is installed (set
/// DOTNET_COUNTERS to its path, or have it on PATH). Optional: without it only RSS is reported.
/// </summary>
public static class GcCounters
{
    private static readonly string? Tool = Locate();

    public static bool Available => Tool is not null;

    public static async Task<double?> HeapMbAsync(int pid)
    {
        if (Tool is null)
        {
            return null;
        }

        var output = Path.Combine(
            Path.GetTempPath(), $"scheduler-bench-counters-{pid}-{Environment.TickCount64}.csv");
        var info = new ProcessStartInfo(Tool)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in new[]
                 {
                     "collect", "-p", pid.ToString(),
                     "--counters", "System.Runtime[dotnet.gc.last_collection.heap.size]",
                     "--format", "csv", "-o", output, "--duration", "00:00:00:04",
                 })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }

        if (!File.Exists(output))
        {
            return null;
        }

        // Rows: Timestamp,Provider,Counter Name,Counter Type,Mean/Increment; one per generation per refresh.
        var latest = new Dictionary<string, double>();
        foreach (var line in File.ReadLines(output).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length >= 5
                && double.TryParse(cells[^1], System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                latest[cells[2]] = v;
            }
        }

        File.Delete(output);
        return latest.Count == 0 ? null : latest.Values.Sum() / (1024 * 1024);
    }

    private static string? Locate()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("DOTNET_COUNTERS"), "/tmp/sbtools/dotnet-counters",
        };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':')
            .Select(p => Path.Combine(p, "dotnet-counters")));
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}
