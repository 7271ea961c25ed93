using System.Net;
using Xunit;

namespace HaScheduler.Cli.Tests;

/// <summary>What the CLI sends: routes, the admin token on actions only, URL and token from the environment.</summary>
public sealed class RequestTests
{
    private const string Token = "admin-token-for-tests-0123456789";

    private readonly CliHarness _cli = new();

    [Fact]
    public async Task ClusterLeave_should_post_to_the_member_with_the_bearer_token_when_token_is_given()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(
            HttpStatusCode.Accepted, """{"action":"leave","address":"127.0.0.1:4054","status":"up"}""");

        var result = await _cli.RunAsync("cluster", "leave", "127.0.0.1:4054", "--token", Token);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var request = _cli.Handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/admin/members/127.0.0.1%3A4054/leave", request.Uri.AbsolutePath);
        Assert.Equal($"Bearer {Token}", request.Authorization);
        Assert.Contains("leave sent to 127.0.0.1:4054 (was up)", result.Shown);
    }

    [Fact]
    public async Task ClusterDown_should_use_url_and_token_from_the_environment_when_options_are_absent()
    {
        _cli.Environment["HASCHEDULER_URL"] = "http://node-b:9090/";
        _cli.Environment["HASCHEDULER_ADMIN_TOKEN"] = Token;
        _cli.Handler.Respond = _ => StubHandler.Json(
            HttpStatusCode.Accepted, """{"action":"down","address":"10.0.0.7:4053","status":"up"}""");

        var result = await _cli.RunAsync("cluster", "down", "10.0.0.7:4053");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var request = _cli.Handler.Requests.Single();
        Assert.Equal("http://node-b:9090/admin/members/10.0.0.7%3A4053/down", request.Uri.AbsoluteUri);
        Assert.Equal($"Bearer {Token}", request.Authorization);
    }

    [Fact]
    public async Task ClusterDownUnreachable_should_say_nothing_was_downed_when_the_list_is_empty()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, """{"downed":[]}""");

        var result = await _cli.RunAsync("cluster", "down-unreachable", "--token", Token);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("/admin/down-unreachable", _cli.Handler.Requests.Single().Uri.AbsolutePath);
        Assert.Contains("no unreachable members", result.Shown);
    }

    [Fact]
    public async Task SchedulerHandover_should_post_with_token_and_name_both_nodes_when_accepted()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(
            HttpStatusCode.Accepted,
            """{"from":"127.0.0.1:4054","epoch":42,"expected_successor":"127.0.0.1:4053"}""");

        var result = await _cli.RunAsync("scheduler", "handover", "--token", Token);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var request = _cli.Handler.Requests.Single();
        Assert.Equal("/admin/scheduler/handover", request.Uri.AbsolutePath);
        Assert.Equal($"Bearer {Token}", request.Authorization);
        Assert.Contains("127.0.0.1:4054 (epoch 42) is leaving; expected successor 127.0.0.1:4053", result.Shown);
    }

    [Fact]
    public async Task ClusterShow_should_not_send_the_token_when_only_reading()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.ClusterStatus);

        await _cli.RunAsync("cluster", "show", "--token", Token);

        Assert.Null(_cli.Handler.Requests.Single().Authorization);
    }

    [Fact]
    public async Task SchedulesUpdate_should_put_the_file_with_if_match_when_version_is_given()
    {
        var json = """{"name":"test","type":"duration","definition":{"interval":"3s"}}""";
        var file = ErrorTests.TempJson(json);
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.Schedule);

        var result = await _cli.RunAsync("schedules", "update", "sch_0001", file, "--version", "7");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var request = _cli.Handler.Requests.Single();
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/schedules/sch_0001", request.Uri.AbsolutePath);
        Assert.Equal("\"7\"", request.IfMatch);
        Assert.Equal(json, request.Body);
    }

    [Fact]
    public async Task SchedulesDelete_should_send_delete_for_the_id_and_show_what_was_deleted()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.Schedule);

        var result = await _cli.RunAsync("schedules", "delete", "sch_0001");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(HttpMethod.Delete, _cli.Handler.Requests.Single().Method);
        Assert.Contains("Internal test", result.Shown);
    }
}
