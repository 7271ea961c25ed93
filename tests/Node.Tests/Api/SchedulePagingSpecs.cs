using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HaScheduler.Messages;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

/// <summary>GET /schedules and GET /schedules/{id}/runs: cursors, limits and their errors.</summary>
public sealed class SchedulePagingSpecs
{
    private const string ValidDuration = """{"name":"n","type":"duration","definition":{"interval":"3s"}}""";

    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_should_walk_every_schedule_once_in_creation_order_when_following_next_after()
    {
        await using var host = await ApiTestHost.StartAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await host.CreateAsync(ValidDuration));
        }

        var first = await GetJsonAsync(host, "/schedules?limit=2");
        var second = await GetJsonAsync(host, $"/schedules?limit=2&after={first.GetProperty("next_after")}");
        var third = await GetJsonAsync(host, $"/schedules?limit=2&after={second.GetProperty("next_after")}");

        Assert.Equal(created, new[] { first, second, third }.SelectMany(Ids));
        Assert.Equal(JsonValueKind.Null, third.GetProperty("next_after").ValueKind);
    }

    [Fact]
    public async Task List_should_use_the_default_page_size_when_no_limit_is_given()
    {
        await using var host = await ApiTestHost.StartAsync();
        for (var i = 0; i < 51; i++)
        {
            await host.CreateAsync(ValidDuration);
        }

        var page = await GetJsonAsync(host, "/schedules");

        Assert.Equal(50, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, page.GetProperty("next_after").ValueKind);
    }

    [Fact]
    public async Task List_should_return_an_empty_last_page_when_there_are_no_schedules()
    {
        await using var host = await ApiTestHost.StartAsync();

        var page = await GetJsonAsync(host, "/schedules?limit=500");

        Assert.Equal("""{"items":[],"next_after":null}""", page.GetRawText());
    }

    [Theory]
    [InlineData("/schedules?limit=0")]
    [InlineData("/schedules?limit=501")]
    [InlineData("/schedules?limit=ten")]
    [InlineData("/schedules?limit=-1")]
    [InlineData("/schedules/{id}/runs?limit=0")]
    [InlineData("/schedules/{id}/runs?limit=1000")]
    public async Task Paged_routes_should_return_400_naming_limit_when_it_is_out_of_range(string path)
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);

        var response = await host.Client.GetAsync(path.Replace("{id}", id));

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, "limit");
    }

    [Theory]
    [InlineData("zzz")]
    [InlineData("../x")]
    [InlineData("sch_")]
    [InlineData("SCH_01JQ3Z5Y8W6V2N4K7M9P0R1S2T")]
    [InlineData("sch_01JQ3Z5Y8W6V2N4K7M9P0R1S2T")]
    [InlineData("sch_01jq3z5y8w6v2n4k7m9p0r1s2u")]
    [InlineData("sch_81jq3z5y8w6v2n4k7m9p0r1s2t")]
    [InlineData("sch_01jq3z5y8w6v2n4k7m9p0r1s2t0")]
    public async Task List_should_return_400_naming_after_when_it_is_not_a_schedule_id(string after)
    {
        await using var host = await ApiTestHost.StartAsync();
        await host.CreateAsync(ValidDuration);

        var response = await host.Client.GetAsync($"/schedules?after={Uri.EscapeDataString(after)}");

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, "after");
    }

    [Fact]
    public async Task List_should_return_the_schedules_after_a_well_formed_id_even_when_none_has_it()
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);

        var page = await GetJsonAsync(host, "/schedules?after=sch_00000000000000000000000000");

        Assert.Equal([id], Ids(page));
    }

    [Fact]
    public async Task Runs_should_list_newest_first_with_lower_case_status_and_page_by_before()
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);
        host.Runs.Add(
            new RunRecord(id, T0, T0.AddMilliseconds(12), "10.0.0.1:4053", 3, RunStatus.Fired),
            new RunRecord(id, T0.AddSeconds(3), null, "10.0.0.2:4053", 4, RunStatus.Skipped),
            new RunRecord(id, T0.AddSeconds(6), null, "10.0.0.2:4053", 4, RunStatus.Claimed),
            new RunRecord("sch_other", T0.AddSeconds(9), null, "10.0.0.2:4053", 4, RunStatus.Unknown));

        var first = await GetJsonAsync(host, $"/schedules/{id}/runs?limit=2");
        var next = first.GetProperty("next_before").GetString();
        var last = await GetJsonAsync(
            host, $"/schedules/{id}/runs?limit=2&before={Uri.EscapeDataString(next!)}");

        Assert.Equal(
            Compact("""
                [
                  {"occurrence":"2025-03-14T22:00:06Z","fired_at":null,"node":"10.0.0.2:4053","epoch":4,
                   "status":"claimed"},
                  {"occurrence":"2025-03-14T22:00:03Z","fired_at":null,"node":"10.0.0.2:4053","epoch":4,
                   "status":"skipped"}
                ]
                """),
            first.GetProperty("items").GetRawText());
        Assert.Equal("2025-03-14T22:00:03Z", next);
        Assert.Equal(
            Compact("""
                {"items":[{"occurrence":"2025-03-14T22:00:00Z","fired_at":"2025-03-14T22:00:00.012Z",
                           "node":"10.0.0.1:4053","epoch":3,"status":"fired"}],
                 "next_before":null}
                """),
            last.GetRawText());
    }

    [Fact]
    public async Task Runs_should_return_an_empty_page_when_the_schedule_has_not_run()
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);

        var page = await GetJsonAsync(host, $"/schedules/{id}/runs");

        Assert.Equal("""{"items":[],"next_before":null}""", page.GetRawText());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2025-03-14T22:00:00")]
    [InlineData("2025-03-14")]
    public async Task Runs_should_return_400_naming_before_when_it_is_not_an_rfc3339_instant(string before)
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);

        var path = $"/schedules/{id}/runs?before={Uri.EscapeDataString(before)}";

        var response = await host.Client.GetAsync(path);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, "before");
    }

    private static async Task<JsonElement> GetJsonAsync(ApiTestHost host, string path)
    {
        var response = await host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Compact(string json) =>
        JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static IEnumerable<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!);
}
