using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using HaScheduler.Cluster.Tests.Harness;
using HaScheduler.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Cluster.Tests;

/// <summary>A real node process on the emulator, driven over HTTP with the payload files users post.</summary>
public sealed class NodeEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private LocalCluster _cluster = null!;

    private HttpClient Http => _cluster.Nodes[0].Http;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(nodeCount: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Node_should_fire_update_and_stop_schedules_posted_from_the_payload_files()
    {
        var duration = await PostPayloadAsync("create_schedule.json");
        var cron = await PostPayloadAsync("create_schedule_cron.json");
        var at = await PostPayloadAsync("create_schedule_at.json");

        await AwaitFiredAsync(duration, 3);
        await AwaitFiredAsync(cron, 2);
        Assert.Equal(JsonValueKind.Null, at.GetProperty("next_fire_at").ValueKind);
        Assert.Empty(await RunsAsync(at.GetProperty("id").GetString()!));

        var id = duration.GetProperty("id").GetString()!;
        var updated = await PutPayloadAsync(id, "update_schedule.json");
        var anchor = DateTimeOffset.Parse(updated.GetProperty("updated_at").GetString()!);
        await Eventually.WaitAsync(
            async () => (await RunsAsync(id)).Count(r => r.Occurrence > anchor) >= 1,
            Deadline,
            "a run after the update");
        var afterUpdate = (await RunsAsync(id)).Where(r => r.Occurrence > anchor).Select(r => r.Occurrence).ToArray();
        Assert.All(afterUpdate, o => Assert.Equal(0, (o - anchor).Ticks % TimeSpan.FromSeconds(3).Ticks));

        var deleted = await Http.DeleteAsync($"/schedules/{id}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var claimsAtDelete = await CountClaimsAsync(id);
        var cronFiredAtDelete = await CountClaimsAsync(cron.GetProperty("id").GetString()!);
        await Eventually.WaitAsync(
            async () => await CountClaimsAsync(cron.GetProperty("id").GetString()!) >= cronFiredAtDelete + 4,
            Deadline, "the cron schedule to fire four more times");
        Assert.True(await CountClaimsAsync(id) <= claimsAtDelete + 1, "the deleted schedule kept firing");
        await AssertNoDuplicateClaimsAsync();
    }

    private async Task<JsonElement> PostPayloadAsync(string file)
    {
        var response = await Http.PostAsync("/schedules", Payload(file));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> PutPayloadAsync(string id, string file)
    {
        var response = await Http.PutAsync($"/schedules/{id}", Payload(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static StringContent Payload(string file)
    {
        var content = new StringContent(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "payloads", file)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task AwaitFiredAsync(JsonElement schedule, int count)
    {
        var id = schedule.GetProperty("id").GetString()!;
        await Eventually.WaitAsync(
            async () => (await RunsAsync(id)).Count(r => r.Status == "fired") >= count, Deadline,
            $"{count} fired runs of {id}");
    }

    private async Task<IReadOnlyList<Run>> RunsAsync(string id)
    {
        var page = await Http.GetFromJsonAsync<JsonElement>($"/schedules/{id}/runs?limit=500");
        var items = page.ValueKind == JsonValueKind.Array ? page : page.GetProperty("items");
        return items.EnumerateArray()
            .Select(r => new Run(
                DateTimeOffset.Parse(r.GetProperty("occurrence").GetString()!), r.GetProperty("status").GetString()!))
            .ToArray();
    }

    private Task<long> CountClaimsAsync(string id) =>
        _cluster.Database.GetCollection<BsonDocument>("runs")
            .CountDocumentsAsync(Builders<BsonDocument>.Filter.Eq("schedule_id", id));

    private async Task AssertNoDuplicateClaimsAsync()
    {
        var runs = await _cluster.Database.GetCollection<BsonDocument>("runs")
            .Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        var keys = runs.Select(r => (r["schedule_id"].AsString, r["occurrence"].ToUniversalTime())).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    private sealed record Run(DateTimeOffset Occurrence, string Status);
}
