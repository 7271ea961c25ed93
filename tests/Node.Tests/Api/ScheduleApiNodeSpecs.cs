using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

/// <summary>
/// The API as a whole node serves it: the real Program (Akka cluster on port 0, self-joined), the
/// in-process MongoDB emulator, the Mongo stores. One node per class; each test makes its own schedules.
/// </summary>
public sealed class ScheduleApiNodeSpecs(ScheduleApiNodeSpecs.Node node)
    : IClassFixture<ScheduleApiNodeSpecs.Node>
{
    [Fact]
    public async Task Node_should_create_read_replace_and_delete_a_schedule_when_served_by_Program()
    {
        var client = node.CreateClient();

        var created = await client.PostAsync(
            "/schedules", ApiTestHost.Json(await ApiTestHost.PayloadAsync("create_schedule.json")));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var replace = new HttpRequestMessage(HttpMethod.Put, $"/schedules/{id}")
        {
            Content = ApiTestHost.Json(await ApiTestHost.PayloadAsync("update_schedule.json")),
        };
        replace.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var replaced = await client.SendAsync(replace);
        var read = await client.GetFromJsonAsync<JsonElement>($"/schedules/{id}");
        var deleted = await client.DeleteAsync($"/schedules/{id}");
        var gone = await client.GetAsync($"/schedules/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/schedules/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("\"2\"", replaced.Headers.ETag?.ToString());
        Assert.Equal("3s", read.GetProperty("definition").GetProperty("interval").GetString());
        Assert.Equal(JsonValueKind.String, read.GetProperty("next_fire_at").ValueKind);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await ProblemAssert.NamesFieldAsync(gone, HttpStatusCode.NotFound, "id");
    }

    [Fact]
    public async Task Node_should_answer_problem_json_naming_the_field_when_the_body_is_invalid()
    {
        var client = node.CreateClient();

        var response = await client.PostAsync("/schedules", ApiTestHost.Json(
            """{"name":"n","type":"duration","definition":{"interval":"soon"}}"""));
        var unknownRoute = await client.GetAsync("/schedules/sch_1/nothing");

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, "definition.interval");
        await ProblemAssert.IsProblemAsync(unknownRoute, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Node_should_serve_an_openapi_document_listing_the_schedule_routes()
    {
        var client = node.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/schedules", out _));
        Assert.True(paths.TryGetProperty("/schedules/{id}", out _));
        Assert.True(paths.TryGetProperty("/schedules/{id}/runs", out _));
    }

    /// <summary>A single node on free ports with the in-process emulator (no connection string).</summary>
    public sealed class Node : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("HaScheduler:Cluster:Port", "0");
            builder.UseSetting("HaScheduler:Cluster:Hostname", "127.0.0.1");
            builder.UseSetting("HaScheduler:Mongo:ConnectionString", string.Empty);
        }
    }
}
