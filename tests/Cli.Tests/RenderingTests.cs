using System.Net;
using Xunit;

namespace HaScheduler.Cli.Tests;

/// <summary>What the tables show, and that <c>--json</c> passes the API's body through untouched.</summary>
public sealed class RenderingTests
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task ClusterShow_should_render_members_leader_lease_holder_and_epoch_when_node_answers()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.ClusterStatus);

        var result = await _cli.RunAsync("cluster", "show");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("/cluster/status", _cli.Handler.Requests.Single().Uri.AbsolutePath);
        Assert.Contains("Cluster leader  127.0.0.1:4054", result.Shown);
        Assert.Contains("Lease holder    127.0.0.1:4054 (epoch 42", result.Shown);
        Assert.Contains("hascheduler-scheduler", result.Shown);
        Assert.Contains("leader, scheduler", result.Shown);
        Assert.Contains("Unreachable: 127.0.0.1:4055", result.Shown);
        Assert.Contains("NO", result.Shown);
        Assert.Contains("2026-12-03 15:47:28.500Z", result.Shown);
    }

    [Fact]
    public async Task ClusterLeader_should_name_leader_scheduler_host_and_lease_holder_when_node_answers()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.ClusterStatus);

        var result = await _cli.RunAsync("cluster", "leader");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Cluster leader  127.0.0.1:4054", result.Shown);
        Assert.Contains("Scheduler on    127.0.0.1:4054 (epoch 42)", result.Shown);
        Assert.Contains("expires 2025-03-14 22:18:10.000Z", result.Shown);
    }

    [Fact]
    public async Task SchedulerStatus_should_show_epoch_counters_and_lease_when_scheduler_runs()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.ClusterStatus);

        var result = await _cli.RunAsync("scheduler", "status");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Scheduler on", result.Shown);
        Assert.Contains("Fired last minute", result.Shown);
        Assert.Contains("17", result.Shown);
        Assert.Contains("42", result.Shown);
    }

    [Fact]
    public async Task SchedulerStatus_should_say_not_running_when_scheduler_is_null()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.ClusterStatusWithoutScheduler);

        var result = await _cli.RunAsync("scheduler", "status");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("not running", result.Shown);
        Assert.Contains("No lease documents.", result.Shown);
    }

    [Fact]
    public async Task SchedulesList_should_render_every_schedule_and_the_next_page_when_more_exist()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.SchedulePage);

        var result = await _cli.RunAsync("schedules", "list", "--limit", "2");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("/schedules?limit=2", _cli.Handler.Requests.Single().Uri.PathAndQuery);
        Assert.Contains("sch_0001", result.Shown);
        Assert.Contains("sch_0002", result.Shown);
        Assert.Contains("every 300ms", result.Shown);
        Assert.Contains("more: --after sch_0002", result.Shown);
    }

    [Fact]
    public async Task Runs_should_ask_for_the_limit_and_render_status_and_error_when_runs_exist()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.RunPage);

        var result = await _cli.RunAsync("runs", "sch_0001", "--limit", "5");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("/schedules/sch_0001/runs?limit=5", _cli.Handler.Requests.Single().Uri.PathAndQuery);
        Assert.Contains("fired", result.Shown);
        Assert.Contains("boom", result.Shown);
    }

    [Fact]
    public async Task ClusterShow_should_print_the_raw_body_when_json_is_given()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.ClusterStatus);

        var result = await _cli.RunAsync("cluster", "show", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(ApiSamples.ClusterStatus, result.Raw.TrimEnd('\r', '\n'));
        Assert.DoesNotContain("Cluster leader", result.Shown);
    }

    [Fact]
    public async Task SchedulesGet_should_print_the_raw_body_when_json_is_given()
    {
        _cli.Handler.Respond = _ => StubHandler.Json(HttpStatusCode.OK, ApiSamples.Schedule);

        var result = await _cli.RunAsync("--json", "schedules", "get", "sch_0001");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(ApiSamples.Schedule, result.Raw.TrimEnd('\r', '\n'));
    }
}
