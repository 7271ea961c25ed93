using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HaScheduler.SchedulerBench;

/// <summary>
/// API write -> schedule armed. "Armed" = the SchedulerActor applied the change: it created the schedule's
/// actor (create) or handed it the new version (update), logged as NodeLog.ScheduleApplied (EventId 2010,
/// Debug) with a UTC timestamp taken when the event is logged. The child arms its timer in PreStart / on the
/// ScheduleUpdated message right after, with no I/O in between. The interval is 1 h, so nothing fires during
/// the run. Latency = apply timestamp - instant the client sent the request (same machine, same clock).
/// </summary>
public static partial class ArmedScenario
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        await using var bed = await TestBed.StartAsync(options, "armed", debugApply: true);
        var report = new List<string>();

        // Warm-up (JIT, connection pools) excluded from the figures.
        await WriteAsync(bed, "warmup", Math.Min(50, options.Writes), 1);

        var sequential = await WriteAsync(bed, "seq", options.Writes, 1);
        var concurrent = await WriteAsync(bed, "conc", options.Writes, options.Writers);
        var applied = await WaitForAppliedAsync(
            bed, sequential.Concat(concurrent).ToList(), TimeSpan.FromSeconds(30));

        foreach (var (label, writes) in new[]
                 {
                     ("sequential", sequential), ($"{options.Writers} writers", concurrent),
                 })
        {
            Summarise(report, label, writes, applied);
        }

        return string.Join(Environment.NewLine, report);
    }

    private static void Summarise(
        List<string> report, string label, List<Write> writes, Dictionary<(string, long), DateTime> applied)
    {
        var fromSend = new List<double>();
        var fromAck = new List<double>();
        var ack = new List<double>();
        var missing = 0;
        foreach (var w in writes)
        {
            ack.Add((w.AckedAt - w.SentAt).TotalMilliseconds);
            if (!applied.TryGetValue((w.Id, w.Version), out var at))
            {
                missing++;
                continue;
            }

            fromSend.Add((at - w.SentAt).TotalMilliseconds);
            fromAck.Add((at - w.AckedAt).TotalMilliseconds);
        }

        var creates = writes.Count(w => w.Version == 1);
        report.Add($"armed [{label}] writes={writes.Count} "
                   + $"(creates={creates}, updates={writes.Count - creates}) "
                   + $"not applied={missing} "
                   + $"wall={(writes.Max(w => w.AckedAt) - writes.Min(w => w.SentAt)).TotalSeconds:F1}s");
        report.Add($"  send -> armed : {Stats.Summary(fromSend)}");
        report.Add($"  ack  -> armed : {Stats.Summary(fromAck)}");
        report.Add($"  send -> ack   : {Stats.Summary(ack)}");
    }

    /// <summary>
    /// Creates then updates (rename, same definition) schedules, alternating, over N writers.
    /// </summary>
    private static async Task<List<Write>> WriteAsync(TestBed bed, string prefix, int total, int writers)
    {
        var next = -1;
        var all = new List<Write>();
        var tasks = Enumerable.Range(0, writers).Select(async w =>
        {
            var mine = new List<Write>();
            while (true)
            {
                var n = Interlocked.Increment(ref next);
                if (n * 2 >= total)
                {
                    break;
                }

                var body = new JsonObject
                {
                    ["name"] = $"{prefix}-{n}",
                    ["type"] = "duration",
                    ["definition"] = new JsonObject { ["interval"] = "1h" },
                };
                var sent = DateTime.UtcNow;
                using var created = await bed.Http.PostAsJsonAsync("/schedules", body);
                var ackedAt = DateTime.UtcNow;
                created.EnsureSuccessStatusCode();
                var resource = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
                var id = resource["id"]!.GetValue<string>();
                mine.Add(new Write(id, resource["version"]!.GetValue<long>(), sent, ackedAt));
                if (n * 2 + 1 >= total)
                {
                    break;
                }

                body["name"] = $"{prefix}-{n}-renamed";
                sent = DateTime.UtcNow;
                using var updated = await bed.Http.PutAsJsonAsync($"/schedules/{id}", body);
                ackedAt = DateTime.UtcNow;
                updated.EnsureSuccessStatusCode();
                resource = (await updated.Content.ReadFromJsonAsync<JsonNode>())!;
                mine.Add(new Write(id, resource["version"]!.GetValue<long>(), sent, ackedAt));
            }

            return mine;
        }).ToArray();
        foreach (var list in await Task.WhenAll(tasks))
        {
            all.AddRange(list);
        }

        return all;
    }

    private static async Task<Dictionary<(string, long), DateTime>> WaitForAppliedAsync(
        TestBed bed, List<Write> writes, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var applied = ParseApplied(bed.Node.LogPath);
            if (writes.All(w => applied.ContainsKey((w.Id, w.Version))) || watch.Elapsed > timeout)
            {
                return applied;
            }

            await Task.Delay(200);
        }
    }

    private static Dictionary<(string, long), DateTime> ParseApplied(string logPath)
    {
        var applied = new Dictionary<(string, long), DateTime>();
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var m = AppliedLine().Match(line);
            if (m.Success)
            {
                var at = DateTime.ParseExact(m.Groups["ts"].Value, "yyyy-MM-ddTHH:mm:ss.fffffff",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                applied.TryAdd((m.Groups["id"].Value, long.Parse(m.Groups["v"].Value)), at);
            }
        }

        return applied;
    }

    [GeneratedRegex(@"^(?<ts>\S+) dbug: .*\[2010\] Schedule (?<id>\S+) version (?<v>\d+) applied")]
    private static partial Regex AppliedLine();

    private sealed record Write(string Id, long Version, DateTime SentAt, DateTime AckedAt);
}
