using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

/// <summary>The happy paths of /schedules through a TestServer host with in-memory stores.</summary>
public sealed class ScheduleEndpointsSpecs
{
    [Fact]
    public async Task Post_should_return_201_with_location_etag_and_schedule_when_a_duration_payload_is_sent()
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.PostAsync(
            "/schedules", ApiTestHost.Json(await ApiTestHost.PayloadAsync("create_schedule.json")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString();
        Assert.Equal($"/schedules/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal("Internal test", body.GetProperty("name").GetString());
        Assert.Equal("duration", body.GetProperty("type").GetString());
        Assert.Equal("""{"interval":"300ms"}""", body.GetProperty("definition").GetRawText());
        Assert.Equal("fire_once", body.GetProperty("misfire_policy").GetString());
        Assert.Equal("2025-03-14T22:17:06.5Z", body.GetProperty("created_at").GetString());
        Assert.Equal("2025-03-14T22:17:06.5Z", body.GetProperty("updated_at").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal("2025-03-14T22:17:06.8Z", body.GetProperty("next_fire_at").GetString());
        Assert.Single(host.Store.Snapshot());
    }

    [Fact]
    public async Task Post_should_accept_the_cron_payload_and_return_only_the_cron_fields()
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.PostAsync(
            "/schedules", ApiTestHost.Json(await ApiTestHost.PayloadAsync("create_schedule_cron.json")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cron", body.GetProperty("type").GetString());
        Assert.Equal("""{"cron_expression":"* * * * * *"}""", body.GetProperty("definition").GetRawText());
        Assert.Equal("2025-03-14T22:17:07Z", body.GetProperty("next_fire_at").GetString());
    }

    [Fact]
    public async Task Post_should_accept_the_at_times_payload_and_return_times_as_utc_rfc3339()
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.PostAsync(
            "/schedules", ApiTestHost.Json(await ApiTestHost.PayloadAsync("create_schedule_at.json")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("at_times", body.GetProperty("type").GetString());
        Assert.Equal(
            ["2025-03-14T22:17:05Z", "2025-03-14T22:17:06Z", "2025-03-14T22:17:07Z", "2025-03-14T22:17:08Z"],
            body.GetProperty("definition").GetProperty("times").EnumerateArray().Select(t => t.GetString()));
        Assert.Single(body.GetProperty("definition").EnumerateObject());
        Assert.Equal("2025-03-14T22:17:07Z", body.GetProperty("next_fire_at").GetString());
    }

    [Fact]
    public async Task Post_should_return_null_next_fire_at_when_every_time_is_in_the_past()
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.PostAsync("/schedules", ApiTestHost.Json(
            """{"name":"past","type":"at_times","definition":{"times":["2025-03-14T22:17:05+01:00"]}}"""));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var times = body.GetProperty("definition").GetProperty("times");
        Assert.Equal("2025-03-14T21:17:05Z", times[0].GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next_fire_at").ValueKind);
    }

    [Fact]
    public async Task Get_should_return_the_schedule_with_its_etag_when_it_exists()
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(await ApiTestHost.PayloadAsync("create_schedule.json"));

        var response = await host.Client.GetAsync($"/schedules/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("300ms", body.GetProperty("definition").GetProperty("interval").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"1\"")]
    [InlineData("1")]
    [InlineData("*")]
    public async Task Put_should_replace_the_schedule_and_bump_the_etag_when_if_match_is_absent_or_current(
        string? ifMatch)
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(await ApiTestHost.PayloadAsync("create_schedule.json"));
        var request = new HttpRequestMessage(HttpMethod.Put, $"/schedules/{id}")
        {
            Content = ApiTestHost.Json(await ApiTestHost.PayloadAsync("update_schedule.json")),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("test", "3s", 2), (
            body.GetProperty("name").GetString(),
            body.GetProperty("definition").GetProperty("interval").GetString(),
            body.GetProperty("version").GetInt32()));
        Assert.Equal("3s", Assert.Single(host.Store.Snapshot()).Spec.Definition.Interval);
    }

    [Fact]
    public async Task Put_should_ignore_server_fields_when_a_client_sends_back_what_it_read()
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(await ApiTestHost.PayloadAsync("create_schedule.json"));
        var read = await host.Client.GetStringAsync($"/schedules/{id}");
        var edited = read.Replace("\"Internal test\"", "\"renamed\"", StringComparison.Ordinal);

        var response = await host.Client.PutAsync($"/schedules/{id}", ApiTestHost.Json(edited));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("renamed", Assert.Single(host.Store.Snapshot()).Spec.Name);
    }

    [Fact]
    public async Task Delete_should_return_the_deleted_schedule_and_remove_it_when_it_exists()
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(await ApiTestHost.PayloadAsync("create_schedule_cron.json"));

        var response = await host.Client.DeleteAsync($"/schedules/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Empty(host.Store.Snapshot());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/schedules/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("2")]
    [InlineData("*")]
    public async Task Delete_should_remove_the_schedule_when_if_match_holds(string ifMatch)
    {
        await using var host = await ApiTestHost.StartAsync();
        var json = await ApiTestHost.PayloadAsync("create_schedule_cron.json");
        var id = await host.CreateAsync(json);
        (await host.Client.PutAsync($"/schedules/{id}", ApiTestHost.Json(json))).EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/schedules/{id}");
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("version").GetInt64());
        Assert.Empty(host.Store.Snapshot());
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task Post_should_accept_json_when_the_content_type_has_a_utf8_charset_or_other_casing(
        string contentType)
    {
        await using var host = await ApiTestHost.StartAsync();
        var content = ApiTestHost.Json(await ApiTestHost.PayloadAsync("create_schedule.json"));
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await host.Client.PostAsync("/schedules", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_should_store_the_misfire_policy_when_one_is_given()
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.PostAsync("/schedules", ApiTestHost.Json(
            """{"name":"n","type":"duration","definition":{"interval":"1h30m"},"misfire_policy":"skip"}"""));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("skip", body.GetProperty("misfire_policy").GetString());
        Assert.Equal("1h30m", body.GetProperty("definition").GetProperty("interval").GetString());
    }
}
