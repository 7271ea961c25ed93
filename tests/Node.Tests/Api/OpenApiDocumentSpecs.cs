using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

public sealed class OpenApiDocumentSpecs
{
    [Fact]
    public async Task OpenApi_document_should_list_every_schedule_route_with_its_operation_and_problems()
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        (string Path, string Method, string OperationId, string[] Statuses)[] expected =
        [
            ("/schedules", "post", "CreateSchedule", ["201", "400", "413", "415", "503"]),
            ("/schedules", "get", "ListSchedules", ["200", "400", "503"]),
            ("/schedules/{id}", "get", "GetSchedule", ["200", "404", "503"]),
            ("/schedules/{id}", "put", "ReplaceSchedule", ["200", "400", "404", "412", "413", "415", "503"]),
            ("/schedules/{id}", "delete", "DeleteSchedule", ["200", "400", "404", "412", "503"]),
            ("/schedules/{id}/runs", "get", "ListRuns", ["200", "400", "404", "503"]),
        ];
        foreach (var (path, method, operationId, statuses) in expected)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.All(statuses, status => Assert.Contains(status, responses));
            Assert.Equal(method is "post" or "put", operation.TryGetProperty("requestBody", out _));
        }
    }

    [Fact]
    public async Task OpenApi_document_should_describe_the_request_body_in_snake_case()
    {
        await using var host = await ApiTestHost.StartAsync();

        var document = await host.Client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"misfire_policy\"", document);
        Assert.Contains("\"cron_expression\"", document);
        Assert.Contains("\"next_fire_at\"", document);
    }
}
