using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

/// <summary>Every client error: problem+json naming the field at fault, and an unchanged store.</summary>
public sealed class ScheduleEndpointsErrorSpecs
{
    private const string ValidDuration = """{"name":"n","type":"duration","definition":{"interval":"3s"}}""";

    private const string Cron = """{"name":"n","type":"cron","definition":""";
    private const string Duration = """{"name":"n","type":"duration","definition":""";
    private const string AtTimes = """{"name":"n","type":"at_times","definition":""";

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"name":"n","type":"duration",""", "$" },
        { """{"name":"n" "type":"duration"}""", "$" },
        { """{"name":""", "$" },
        { "", "$" },
        { "null", "$" },
        { "[1,2]", "$" },
        { """{"name":5,"type":"duration","definition":{"interval":"3s"}}""", "name" },
        { Duration + """{"interval":300}}""", "definition.interval" },
        { Duration + "\"3s\"}", "definition" },
        { AtTimes + """{"times":[1]}}""", "definition.times[0]" },
        { """{"name":"n","type":"weekly","definition":{"interval":"3s"}}""", "type" },
        { """{"name":"n","definition":{"interval":"3s"}}""", "type" },
        { Cron + """{"cron_expression":"* * *"}}""", "definition.cron_expression" },
        { Cron + """{"cron_expression":"61 * * * *"}}""", "definition.cron_expression" },
        { Cron + """{"cron_expression":"* * * * *","time_zone":"Mars/Olympus"}}""", "definition.time_zone" },
        { Duration + """{"interval":"3 parsecs"}}""", "definition.interval" },
        { Duration + """{"interval":"-3s"}}""", "definition.interval" },
        { Duration + "{}}", "definition.interval" },
        { """{"name":"n","type":"duration"}""", "definition" },
        { AtTimes + """{"times":[]}}""", "definition.times" },
        { AtTimes + """{"times":["2025-03-14T22:17:05Z","soon"]}}""", "definition.times[1]" },
        { AtTimes + """{"times":["2025-03-14T22:17:05"]}}""", "definition.times[0]" },
        { """{"name":"","type":"duration","definition":{"interval":"3s"}}""", "name" },
        { """{"type":"duration","definition":{"interval":"3s"}}""", "name" },
        { $$$"""{"name":"{{{new string('x', 201)}}}","type":"duration","definition":{"interval":"1s"}}""",
            "name" },
        { Duration + """{"interval":"3s"},"misfire_policy":"later"}""", "misfire_policy" },
        { Duration + """{"interval":"3s"},"colour":"red"}""", "colour" },
        { Duration + """{"interval":"3s","intervall":"4s"}}""", "definition.intervall" },
        { Duration + """{"interval":"3s","times":[]}}""", "definition.times" },
        { """{"name":"n","name":"m","type":"duration","definition":{"interval":"3s"}}""", "name" },
        { """{"Name":"a","Type":"duration","Definition":{"Interval":"1h"}}""", "Name" },
        { """{"name":"n","TYPE":"duration","definition":{"interval":"3s"}}""", "TYPE" },
        { Duration + """{"Interval":"3s"}}""", "definition.Interval" },
        { Duration + """{"interval":"3s"},"misfirePolicy":"skip"}""", "misfirePolicy" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Post_should_return_400_naming_the_field_and_store_nothing_when_the_body_is_invalid(
        string body, string field)
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.PostAsync("/schedules", ApiTestHost.Json(body));

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(host.Store.Snapshot());
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Put_should_return_400_naming_the_field_and_change_nothing_when_the_body_is_invalid(
        string body, string field)
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);
        var before = host.Store.Snapshot();

        var response = await host.Client.PutAsync($"/schedules/{id}", ApiTestHost.Json(body));

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, host.Store.Snapshot());
    }

    [Fact]
    public async Task Post_should_return_413_and_store_nothing_when_the_body_exceeds_the_limit()
    {
        await using var host = await ApiTestHost.StartAsync();
        var padded = ValidDuration.Replace("\"n\"", $"\"{new string('x', (int)ApiTestHost.BodyLimit)}\"");

        var response = await host.Client.PostAsync("/schedules", ApiTestHost.Json(padded));

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.RequestEntityTooLarge, "$");
        Assert.Empty(host.Store.Snapshot());
    }

    [Fact]
    public async Task Post_should_return_413_when_a_body_without_content_length_exceeds_the_limit()
    {
        await using var host = await ApiTestHost.StartAsync();
        var padded = ValidDuration.Replace("\"n\"", $"\"{new string('x', (int)ApiTestHost.BodyLimit)}\"");

        var response = await host.Client.PostAsync("/schedules", new UnknownLengthContent(padded));

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.RequestEntityTooLarge, "$");
        Assert.Empty(host.Store.Snapshot());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task Post_should_return_415_naming_content_type_when_the_body_is_not_declared_json(
        string? contentType)
    {
        await using var host = await ApiTestHost.StartAsync();
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(ValidDuration));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var response = await host.Client.PostAsync("/schedules", content);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        Assert.Empty(host.Store.Snapshot());
    }

    [Fact]
    public async Task Put_should_return_415_and_change_nothing_when_the_content_type_is_wrong()
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);
        var before = host.Store.Snapshot();
        var content = ApiTestHost.Json(ValidDuration, "text/plain");

        var response = await host.Client.PutAsync($"/schedules/{id}", content);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        Assert.Equal(before, host.Store.Snapshot());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PUT", ValidDuration)]
    [InlineData("DELETE", "")]
    [InlineData("GET", "/runs")]
    public async Task Schedule_routes_should_return_404_naming_the_id_when_it_is_unknown(
        string method, string tail)
    {
        await using var host = await ApiTestHost.StartAsync();
        await host.CreateAsync(ValidDuration);
        var before = host.Store.Snapshot();
        var path = "/schedules/sch_missing" + (tail == "/runs" ? tail : "");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = ApiTestHost.Json(tail);
        }

        var response = await host.Client.SendAsync(request);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.NotFound, "id");
        Assert.Equal(before, host.Store.Snapshot());
    }

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("7")]
    public async Task Put_should_return_412_naming_if_match_and_change_nothing_when_the_version_is_stale(
        string ifMatch)
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);
        var before = host.Store.Snapshot();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/schedules/{id}")
        {
            Content = ApiTestHost.Json(ValidDuration.Replace("\"n\"", "\"changed\"")),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var response = await host.Client.SendAsync(request);

        var messages =
            await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.PreconditionFailed, "If-Match");
        Assert.Contains("current version is 1", messages[0]);
        Assert.Equal(before, host.Store.Snapshot());
    }

    [Fact]
    public async Task Put_should_return_412_when_if_match_is_a_star_and_the_schedule_does_not_exist()
    {
        await using var host = await ApiTestHost.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, "/schedules/sch_missing")
        {
            Content = ApiTestHost.Json(ValidDuration),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");

        var response = await host.Client.SendAsync(request);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.PreconditionFailed, "If-Match");
        Assert.Empty(host.Store.Snapshot());
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("-1")]
    public async Task Put_should_return_400_naming_if_match_and_change_nothing_when_it_is_not_a_version(
        string ifMatch)
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);
        var before = host.Store.Snapshot();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/schedules/{id}")
        {
            Content = ApiTestHost.Json(ValidDuration.Replace("\"n\"", "\"changed\"")),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var response = await host.Client.SendAsync(request);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, "If-Match");
        Assert.Equal(before, host.Store.Snapshot());
    }

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("7")]
    public async Task Delete_should_return_412_naming_if_match_and_delete_nothing_when_the_version_is_stale(
        string ifMatch)
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);
        var before = host.Store.Snapshot();

        var response = await host.Client.SendAsync(Delete($"/schedules/{id}", ifMatch));

        var messages =
            await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.PreconditionFailed, "If-Match");
        Assert.Contains("current version is 1", messages[0]);
        Assert.Equal(before, host.Store.Snapshot());
    }

    [Fact]
    public async Task Delete_should_return_412_when_if_match_is_a_star_and_the_schedule_does_not_exist()
    {
        await using var host = await ApiTestHost.StartAsync();
        await host.CreateAsync(ValidDuration);
        var before = host.Store.Snapshot();

        var response = await host.Client.SendAsync(Delete("/schedules/sch_missing", "*"));

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.PreconditionFailed, "If-Match");
        Assert.Equal(before, host.Store.Snapshot());
    }

    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("\"one\"")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("-1")]
    public async Task Delete_should_return_400_naming_if_match_and_delete_nothing_when_it_is_not_a_version(
        string ifMatch)
    {
        await using var host = await ApiTestHost.StartAsync();
        var id = await host.CreateAsync(ValidDuration);
        var before = host.Store.Snapshot();

        var response = await host.Client.SendAsync(Delete($"/schedules/{id}", ifMatch));

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, "If-Match");
        Assert.Equal(before, host.Store.Snapshot());
    }

    private static HttpRequestMessage Delete(string path, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    /// <summary>Content whose length is unknown up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(string json)
        {
            _bytes = System.Text.Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
