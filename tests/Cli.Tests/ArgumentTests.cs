using Xunit;

namespace HaScheduler.Cli.Tests;

/// <summary>Bad arguments end with exit code 2 and a message, before anything is sent.</summary>
public sealed class ArgumentTests
{
    private readonly CliHarness _cli = new();

    [Theory]
    [InlineData("leave", "127.0.0.1")]
    [InlineData("down", "127.0.0.1:notaport")]
    [InlineData("down", "127.0.0.1:70000")]
    public async Task ClusterMemberAction_should_exit_2_without_a_request_when_address_is_not_host_and_port(
        string action, string address)
    {
        var result = await _cli.RunAsync("cluster", action, address, "--token", "t0ken-for-tests-01");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"address '{address}' is not host:port", result.Error);
        Assert.Empty(_cli.Handler.Requests);
    }

    [Fact]
    public async Task ClusterLeave_should_exit_2_without_a_request_when_no_token_is_given()
    {
        var result = await _cli.RunAsync("cluster", "leave", "127.0.0.1:4053");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("needs the admin token", result.Error);
        Assert.Empty(_cli.Handler.Requests);
    }

    [Fact]
    public async Task Runs_should_exit_2_without_a_request_when_limit_is_zero()
    {
        var result = await _cli.RunAsync("runs", "sch_0001", "--limit", "0");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--limit must be at least 1", result.Error);
        Assert.Empty(_cli.Handler.Requests);
    }

    [Fact]
    public async Task ClusterShow_should_exit_2_without_a_request_when_url_is_not_http()
    {
        var result = await _cli.RunAsync("cluster", "show", "--url", "ftp://example.org");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--url 'ftp://example.org' is not an http:// or https:// URL", result.Error);
        Assert.Empty(_cli.Handler.Requests);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("cluster", "explode")]
    [InlineData("schedules", "get")]
    [InlineData("runs")]
    public async Task Cli_should_exit_2_with_usage_hint_when_command_or_argument_is_missing_or_unknown(
        params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("run 'hascheduler --help' for usage", result.Error);
        Assert.Empty(_cli.Handler.Requests);
    }

    [Fact]
    public async Task SchedulesCreate_should_exit_2_without_a_request_when_the_file_does_not_exist()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var result = await _cli.RunAsync("schedules", "create", missing);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"cannot read '{missing}'", result.Error);
        Assert.Empty(_cli.Handler.Requests);
    }

    [Fact]
    public async Task Help_should_exit_0_and_list_the_verbs_when_asked()
    {
        var result = await _cli.RunAsync("cluster", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("down-unreachable", result.Raw);
    }
}
