using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HaScheduler.Node.Storage;
using HaScheduler.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

/// <summary>
/// The API over the real MongoDB stores (the in-process emulator, or HASCHEDULER_TEST_MONGO_URI), each test
/// in its own database: what the in-memory doubles cannot show, e.g. that stored documents round-trip.
/// </summary>
public sealed class ScheduleApiMongoSpecs(MongoTestDatabase mongo) : IClassFixture<MongoTestDatabase>
{
    [Fact]
    public async Task Crud_should_round_trip_every_payload_through_MongoDB_when_the_stores_are_real()
    {
        await using var host = await StartAsync();
        string[] payloads =
            ["create_schedule.json", "create_schedule_cron.json", "create_schedule_at.json"];
        var created = new List<JsonElement>();
        foreach (var payload in payloads)
        {
            var response = await host.Client.PostAsync(
                "/schedules", ApiTestHost.Json(await ApiTestHost.PayloadAsync(payload)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        var read = new List<JsonElement>();
        foreach (var schedule in created)
        {
            read.Add(await host.Client.GetFromJsonAsync<JsonElement>($"/schedules/{Id(schedule)}"));
        }

        Assert.Equal(created.Select(c => c.GetRawText()), read.Select(r => r.GetRawText()));
        Assert.Equal("300ms", read[0].GetProperty("definition").GetProperty("interval").GetString());
        var cron = read[1].GetProperty("definition").GetProperty("cron_expression");
        Assert.Equal("* * * * * *", cron.GetString());
        Assert.Equal(4, read[2].GetProperty("definition").GetProperty("times").GetArrayLength());
    }

    [Fact]
    public async Task List_should_page_through_MongoDB_in_creation_order_when_following_next_after()
    {
        await using var host = await StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await host.CreateAsync(await ApiTestHost.PayloadAsync("create_schedule.json")));
        }

        var first = await host.Client.GetFromJsonAsync<JsonElement>("/schedules?limit=2");
        var after = first.GetProperty("next_after").GetString();
        var last = await host.Client.GetFromJsonAsync<JsonElement>($"/schedules?limit=2&after={after}");

        Assert.Equal(ids, Ids(first).Concat(Ids(last)));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next_after").ValueKind);
    }

    [Fact]
    public async Task Put_and_delete_should_honour_if_match_against_MongoDB_versions()
    {
        await using var host = await StartAsync();
        var id = await host.CreateAsync(await ApiTestHost.PayloadAsync("create_schedule.json"));
        var update = await ApiTestHost.PayloadAsync("update_schedule.json");

        var replaced = await host.Client.SendAsync(Put(id, update, "\"1\""));
        var stale = await host.Client.SendAsync(Put(id, update.Replace("\"test\"", "\"stale\""), "\"1\""));
        var current = await host.Client.GetAsync($"/schedules/{id}");
        var staleDelete = await host.Client.SendAsync(Delete(id, "\"1\""));
        var kept = await host.Client.GetAsync($"/schedules/{id}");
        var deleted = await host.Client.SendAsync(Delete(id, "\"2\""));
        var gone = await host.Client.GetAsync($"/schedules/{id}");

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("\"2\"", replaced.Headers.ETag?.ToString());
        await ProblemAssert.NamesFieldAsync(stale, HttpStatusCode.PreconditionFailed, "If-Match");
        var body = await current.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("test", "3s", 2L), (
            body.GetProperty("name").GetString(),
            body.GetProperty("definition").GetProperty("interval").GetString(),
            body.GetProperty("version").GetInt64()));
        var messages =
            await ProblemAssert.NamesFieldAsync(staleDelete, HttpStatusCode.PreconditionFailed, "If-Match");
        Assert.Contains("current version is 2", messages[0]);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await ProblemAssert.NamesFieldAsync(gone, HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task Runs_should_list_claims_from_the_MongoDB_ledger_newest_first()
    {
        IRunLedger? ledger = null;
        await using var host = await StartAsync(runs => ledger = runs);
        var id = await host.CreateAsync(await ApiTestHost.PayloadAsync("create_schedule.json"));
        var t0 = new DateTimeOffset(2025, 3, 14, 22, 0, 0, TimeSpan.Zero);
        foreach (var seconds in new[] { 0, 3, 6 })
        {
            Assert.True(await ledger!.TryClaimAsync(id, t0.AddSeconds(seconds), 2, "n1:4053", default));
        }

        var page = await host.Client.GetFromJsonAsync<JsonElement>($"/schedules/{id}/runs?limit=2");
        var missing = await host.Client.GetAsync("/schedules/sch_missing/runs");

        var occurrences = page.GetProperty("items").EnumerateArray()
            .Select(run => run.GetProperty("occurrence").GetString());
        Assert.Equal(["2025-03-14T22:00:06Z", "2025-03-14T22:00:03Z"], occurrences);
        Assert.Equal("claimed", page.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal("2025-03-14T22:00:03Z", page.GetProperty("next_before").GetString());
        await ProblemAssert.NamesFieldAsync(missing, HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task Routes_should_return_503_with_retry_after_when_no_MongoDB_server_answers()
    {
        // Port 1 on loopback has no server: the driver gives up server selection with a TimeoutException.
        var settings = MongoClientSettings.FromConnectionString(
            "mongodb://127.0.0.1:1/?directConnection=true");
        settings.ServerSelectionTimeout = TimeSpan.FromMilliseconds(200);
        settings.ConnectTimeout = TimeSpan.FromMilliseconds(200);
        using var client = new MongoClient(settings);
        var database = client.GetDatabase("unreachable");
        await using var host = await ApiTestHost.StartAsync(services =>
        {
            services.AddSingleton(database);
            services.AddSingleton<IScheduleStore, MongoScheduleStore>();
            services.AddSingleton<IRunLedger, MongoRunLedger>();
        });

        var list = await host.Client.GetAsync("/schedules");
        var create = await host.Client.PostAsync(
            "/schedules", ApiTestHost.Json(await ApiTestHost.PayloadAsync("create_schedule.json")));

        foreach (var response in new[] { list, create })
        {
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        }
    }

    private async Task<ApiTestHost> StartAsync(Action<IRunLedger>? onLedger = null)
    {
        var database = mongo.NewDatabase();
        await MongoIndexes.EnsureAsync(database, CancellationToken.None);
        var host = await ApiTestHost.StartAsync(services =>
        {
            services.AddSingleton(database);
            services.AddSingleton<IScheduleStore, MongoScheduleStore>();
            services.AddSingleton<IRunLedger, MongoRunLedger>();
        });
        onLedger?.Invoke(host.Services.GetRequiredService<IRunLedger>());
        return host;
    }

    private static HttpRequestMessage Put(string id, string json, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/schedules/{id}")
        {
            Content = ApiTestHost.Json(json),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static HttpRequestMessage Delete(string id, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/schedules/{id}");
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static string Id(JsonElement schedule) => schedule.GetProperty("id").GetString()!;

    private static IEnumerable<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(Id);
}
