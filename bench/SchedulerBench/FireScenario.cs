using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.SchedulerBench;

/// <summary>
/// N duration schedules on one node, created through the API. Once every one is armed (the scheduler
/// reports N schedule actors), a window of whole seconds starts after a settle time; afterwards every
/// expected occurrence anchor + k * interval inside the window must have exactly one run, with status
/// fired.
/// </summary>
public static partial class FireScenario
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        var report = new List<string>();
        await using var bed = await TestBed.StartAsync(options, "fire", debugApply: false);

        await Task.Delay(TimeSpan.FromSeconds(3));
        var rssBefore = bed.Node.RssKb();
        var heapBefore = await GcCounters.HeapMbAsync(bed.Node.Pid);

        var seedWatch = Stopwatch.StartNew();
        await SeedAsync(bed, options);
        var seeded = seedWatch.Elapsed;
        await WaitForArmedAsync(bed, options.Schedules, options.ArmTimeout);
        var armed = seedWatch.Elapsed;
        var rssArmed = bed.Node.RssKb();
        var heapArmed = await GcCounters.HeapMbAsync(bed.Node.Pid);
        report.Add($"fire: schedules={options.Schedules} interval={options.Interval.TotalMilliseconds}ms "
                   + $"seeded via POST /schedules ({options.SeedWriters} writers) "
                   + $"in {seeded.TotalSeconds:F1}s "
                   + $"({options.Schedules / seeded.TotalSeconds:F0}/s), "
                   + $"all armed after {armed.TotalSeconds:F1}s");

        var now = DateTime.UtcNow + options.Settle;
        var windowStart = new DateTime(
            now.Ticks - now.Ticks % TimeSpan.TicksPerSecond + TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var windowEnd = windowStart + options.FireWindow;
        await Task.Delay(windowStart - DateTime.UtcNow);
        var nodeCpu0 = bed.Node.CpuTime();
        var emuCpu0 = bed.Emulator.CpuTime();
        var rssPeak = 0L;
        while (DateTime.UtcNow < windowEnd)
        {
            rssPeak = Math.Max(rssPeak, bed.Node.RssKb());
            var left = windowEnd - DateTime.UtcNow;
            await Task.Delay(left < TimeSpan.FromSeconds(5)
                ? (left > TimeSpan.Zero ? left : TimeSpan.Zero)
                : TimeSpan.FromSeconds(5));
        }

        var window = options.FireWindow.TotalSeconds;
        var nodeCpu = (bed.Node.CpuTime() - nodeCpu0).TotalSeconds / window * 100;
        var emuCpu = (bed.Emulator.CpuTime() - emuCpu0).TotalSeconds / window * 100;
        var status = await bed.SchedulerStatusAsync();
        var rssAfter = bed.Node.RssKb();
        var heapAfter = await GcCounters.HeapMbAsync(bed.Node.Pid);
        await Task.Delay(options.Grace);
        bed.Node.Dispose(); // nothing more may be written while the ledger is read

        report.Add($"  window {windowStart:HH:mm:ss}Z..{windowEnd:HH:mm:ss}Z ({window:F0}s); "
                   + "CPU during window: "
                   + $"node {nodeCpu:F0}% emulator {emuCpu:F0}% "
                   + "(of one core; 2 cores shared with other work)");
        report.Add("  scheduler status at window end: "
                   + $"fired_last_minute={status?["fired_last_minute"]} "
                   + $"skipped={status?["skipped"]} "
                   + $"oldest_pending_claim={status?["oldest_pending_claim"]}");
        report.Add(await VerifyAsync(bed, options, windowStart, windowEnd));
        report.Add($"  node RSS: before={rssBefore / 1024.0:F1}MiB armed={rssArmed / 1024.0:F1}MiB "
                   + $"after window={rssAfter / 1024.0:F1}MiB "
                   + $"peak sampled={rssPeak / 1024.0:F1}MiB");
        report.Add("  RSS per schedule: "
                   + $"armed {(rssArmed - rssBefore) * 1024.0 / options.Schedules:F0} B, "
                   + $"after window {(rssAfter - rssBefore) * 1024.0 / options.Schedules:F0} B");
        report.Add(heapBefore is null
            ? "  GC heap: dotnet-counters not available"
            : $"  GC heap after last GC: before={heapBefore:F1}MiB armed={heapArmed:F1}MiB "
              + $"after={heapAfter:F1}MiB; "
              + "per schedule armed "
              + $"{((heapArmed ?? 0) - heapBefore.Value) * 1024 * 1024 / options.Schedules:F0} B");
        return string.Join(Environment.NewLine, report);
    }

    private static async Task SeedAsync(TestBed bed, BenchOptions options)
    {
        var next = -1;
        var interval = $"{(long)options.Interval.TotalMilliseconds}ms";
        await Task.WhenAll(Enumerable.Range(0, options.SeedWriters).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var n && n < options.Schedules)
            {
                var body = new JsonObject
                {
                    ["name"] = $"fire-{n}",
                    ["type"] = "duration",
                    ["definition"] = new JsonObject { ["interval"] = interval },
                };
                using var response = await bed.Http.PostAsJsonAsync("/schedules", body);
                response.EnsureSuccessStatusCode();
            }
        }));
    }

    private static async Task WaitForArmedAsync(TestBed bed, int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if ((await bed.SchedulerStatusAsync())?["schedules"]?.GetValue<int>() >= count)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"fewer than {count} schedules armed after {timeout}");
    }

    private static async Task<string> VerifyAsync(
        TestBed bed, BenchOptions options, DateTime start, DateTime end)
    {
        var anchors = new Dictionary<string, DateTime>();
        var schedules = bed.Database.GetCollection<BsonDocument>("schedules");
        await schedules.Find(FilterDefinition<BsonDocument>.Empty)
            .Project(Builders<BsonDocument>.Projection.Include("anchor_at"))
            .ForEachAsync(d => anchors[d["_id"].AsString] = d["anchor_at"].ToUniversalTime());

        var runs = bed.Database.GetCollection<BsonDocument>("runs");
        var filter = Builders<BsonDocument>.Filter.Gte("occurrence", start)
                     & Builders<BsonDocument>.Filter.Lt("occurrence", end);
        var seen = new Dictionary<(string, long), int>();
        var statuses = new Dictionary<string, int>();
        var lateness = new List<double>();
        var latenessByFiredAt = new List<double>();
        await runs.Find(filter)
            .Project(Builders<BsonDocument>.Projection
                .Include("schedule_id")
                .Include("occurrence")
                .Include("status")
                .Include("lateness_ms")
                .Include("fired_at"))
            .ForEachAsync(d =>
            {
                var occurrence = d["occurrence"].ToUniversalTime();
                var key = (d["schedule_id"].AsString, occurrence.Ticks);
                seen[key] = seen.GetValueOrDefault(key) + 1;
                var s = d["status"].AsString;
                statuses[s] = statuses.GetValueOrDefault(s) + 1;
                if (s == "fired")
                {
                    lateness.Add(d["lateness_ms"].ToDouble());
                    latenessByFiredAt.Add((d["fired_at"].ToUniversalTime() - occurrence).TotalMilliseconds);
                }
            });

        long expected = 0, missing = 0, notFired = 0;
        var step = options.Interval.Ticks;
        foreach (var (id, anchor) in anchors)
        {
            var k = Math.Max(1, (start.Ticks - anchor.Ticks + step - 1) / step);
            for (var t = anchor.Ticks + k * step; t < end.Ticks; t += step)
            {
                expected++;
                if (!seen.ContainsKey((id, t)))
                {
                    missing++;
                }
            }
        }

        notFired = statuses.Where(s => s.Key != "fired").Sum(s => s.Value);
        var duplicateRuns = seen.Values.Count(v => v > 1);
        var (fires, duplicateFires, logLateness) = ParseFires(bed.Node.LogPath, start, end);
        return string.Join(Environment.NewLine,
            $"  expected occurrences={expected} runs={seen.Count} missing={missing} "
            + $"duplicate runs={duplicateRuns} "
            + $"status: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"))} "
            + $"(not fired={notFired})",
            $"  'schedule fired' log lines in window={fires} "
            + $"duplicated (same schedule+occurrence)={duplicateFires}",
            $"  lateness (runs.lateness_ms): {Stats.Summary(lateness)}",
            $"  lateness (fired_at - occurrence): {Stats.Summary(latenessByFiredAt)}",
            $"  lateness (log lateness_ms, 0.1 ms): {Stats.Summary(logLateness)}");
    }

    private static (int Fires, int Duplicates, List<double> Lateness) ParseFires(
        string logPath, DateTime start, DateTime end)
    {
        var counts = new Dictionary<(string, DateTime), int>();
        var lateness = new List<double>();
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var m = FiredLine().Match(line);
            if (!m.Success)
            {
                continue;
            }

            var occurrence = DateTimeOffset.Parse(m.Groups["occ"].Value, CultureInfo.InvariantCulture)
                .UtcDateTime;
            if (occurrence < start || occurrence >= end)
            {
                continue;
            }

            var key = (m.Groups["id"].Value, occurrence);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            lateness.Add(double.Parse(m.Groups["late"].Value, CultureInfo.InvariantCulture));
        }

        return (counts.Values.Sum(), counts.Values.Count(v => v > 1), lateness);
    }

    [GeneratedRegex(@"schedule fired (?<id>\S+) \S+ occurrence=(?<occ>\S+) lateness_ms=(?<late>[-0-9.]+)")]
    private static partial Regex FiredLine();
}
