using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>
/// Schedules created, updated and deleted through the REST API, remembered with the instants the API reported,
/// so that the occurrences each one owes can be computed independently of the scheduler.
/// </summary>
internal sealed class ScheduleWorkload
{
    private readonly Dictionary<string, TrackedSchedule> _schedules = new(StringComparer.Ordinal);

    public IReadOnlyCollection<TrackedSchedule> Schedules => _schedules.Values;

    public TrackedSchedule this[string id] => _schedules[id];

    /// <summary>The mix every scenario runs: a third every 200 ms, a third every second, a third on cron.</summary>
    public async Task CreateMixAsync(HttpClient http, int count = 30)
    {
        for (var i = 0; i < count; i++)
        {
            var kind = (i % 3) switch
            {
                0 => ScheduleKind.Every200Ms,
                1 => ScheduleKind.EverySecond,
                _ => ScheduleKind.CronEverySecond,
            };
            await CreateAsync(http, kind, $"failover-{i}");
        }
    }

    public async Task<TrackedSchedule> CreateAsync(HttpClient http, ScheduleKind kind, string name)
    {
        var response = await http.PostAsJsonAsync("/schedules", Body(kind, name));
        var json = await ReadAsync(response, HttpStatusCode.Created);
        var tracked = new TrackedSchedule(json.GetProperty("id").GetString()!);
        tracked.Segments.Add(new Segment(kind, Instant(json, "updated_at"), End: null));
        _schedules[tracked.Id] = tracked;
        return tracked;
    }

    /// <summary>Changes the definition: a new anchor (<c>updated_at</c>) starts a new segment.</summary>
    public async Task UpdateAsync(HttpClient http, string id, ScheduleKind kind)
    {
        var tracked = _schedules[id];
        var response = await http.PutAsJsonAsync($"/schedules/{id}", Body(kind, $"updated-{id}"));
        var json = await ReadAsync(response, HttpStatusCode.OK);
        var anchor = Instant(json, "updated_at");
        tracked.Segments[^1] = tracked.Segments[^1] with { End = anchor };
        tracked.Segments.Add(new Segment(kind, anchor, End: null));
    }

    public async Task DeleteAsync(HttpClient http, string id)
    {
        var tracked = _schedules[id];
        var requested = DateTimeOffset.UtcNow;
        var response = await http.DeleteAsync($"/schedules/{id}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"DELETE {id}: {response.StatusCode}");
        }

        tracked.Segments[^1] = tracked.Segments[^1] with { End = requested };
        tracked.DeletedAt = DateTimeOffset.UtcNow;
    }

    private static object Body(ScheduleKind kind, string name) => kind switch
    {
        ScheduleKind.Every200Ms => new { name, type = "duration", definition = new { interval = "200ms" } },
        ScheduleKind.EverySecond => new { name, type = "duration", definition = new { interval = "1s" } },
        _ => new { name, type = "cron", definition = new { cron_expression = "* * * * * *" } },
    };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            var request = response.RequestMessage;
            throw new InvalidOperationException(
                $"{request?.Method} {request?.RequestUri}: {response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static DateTimeOffset Instant(JsonElement json, string property) =>
        DateTimeOffset.Parse(json.GetProperty(property).GetString()!).ToUniversalTime();
}

internal enum ScheduleKind
{
    Every200Ms,
    EverySecond,
    CronEverySecond,
}

/// <summary>One definition of a schedule, valid from its anchor until the next change (or deletion).</summary>
internal sealed record Segment(ScheduleKind Kind, DateTimeOffset Anchor, DateTimeOffset? End)
{
    /// <summary>
    /// The instants this definition owes in <c>[from, until]</c>, with the scheduler's own maths: anchor + k *
    /// interval (k >= 1) for durations, every whole second after the anchor for <c>* * * * * *</c>. The anchor
    /// is truncated to milliseconds as MongoDB stores it.
    /// </summary>
    public IEnumerable<DateTimeOffset> Instants(DateTimeOffset from, DateTimeOffset until)
    {
        var anchor = DateTimeOffset.FromUnixTimeMilliseconds(Anchor.ToUnixTimeMilliseconds());
        var step = Kind == ScheduleKind.Every200Ms ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(1);
        var first = Kind == ScheduleKind.CronEverySecond
            ? DateTimeOffset.FromUnixTimeSeconds(anchor.ToUnixTimeSeconds()) + step
            : anchor + step;
        for (var t = first; t <= until; t += step)
        {
            if (t >= from)
            {
                yield return t;
            }
        }
    }
}

internal sealed class TrackedSchedule(string id)
{
    public string Id { get; } = id;

    public List<Segment> Segments { get; } = [];

    public DateTimeOffset? DeletedAt { get; set; }
}
