using System.Net;
using System.Net.Sockets;
using Xunit;

namespace HaScheduler.Cli.Tests;

/// <summary>Unreachable nodes and error answers: one clear line, details by field, a distinct exit code.</summary>
public sealed class ErrorTests
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task ClusterShow_should_exit_3_saying_connection_refused_when_the_node_refuses()
    {
        _cli.Handler.Respond = _ => throw new HttpRequestException(
            HttpRequestError.ConnectionError,
            "Connection refused (127.0.0.1:8080)",
            new SocketException((int)SocketError.ConnectionRefused));

        var result = await _cli.RunAsync("cluster", "show");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Equal("error: cannot reach http://127.0.0.1:8080: connection refused", result.Error.Trim());
    }

    [Fact]
    public async Task ClusterShow_should_exit_3_saying_connection_refused_when_nothing_listens_on_the_port()
    {
        var port = ClosedPort();
        _cli.CreateHandler = () => new SocketsHttpHandler();

        var result = await _cli.RunAsync("cluster", "show", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Equal($"error: cannot reach http://127.0.0.1:{port}: connection refused", result.Error.Trim());
    }

    [Fact]
    public async Task SchedulesGet_should_exit_1_with_title_detail_and_field_when_node_answers_404_problem()
    {
        _cli.Handler.Respond = _ => StubHandler.Problem(HttpStatusCode.NotFound, ApiSamples.NotFoundProblem);

        var result = await _cli.RunAsync("schedules", "get", "sch_nope");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.Equal("error: Schedule not found (404): There is no schedule with id 'sch_nope'.", lines[0]);
        Assert.Equal("  id: no schedule has id 'sch_nope'", lines[1]);
    }

    [Fact]
    public async Task SchedulesCreate_should_exit_1_listing_every_field_error_when_node_answers_400_problem()
    {
        var file = TempJson("""{"name":"","type":"duration","definition":{"interval":"0s"}}""");
        _cli.Handler.Respond = _ => StubHandler.Problem(HttpStatusCode.BadRequest, ApiSamples.InvalidProblem);

        var result = await _cli.RunAsync("schedules", "create", file);

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        var lines = Lines(result.Error);
        Assert.StartsWith("error: Invalid request (400)", lines[0]);
        Assert.Contains("  name: must not be empty", lines);
        Assert.Contains("  definition.interval: '0s' is below the minimum 100ms", lines);
    }

    [Fact]
    public async Task SchedulesList_should_exit_1_naming_status_and_url_when_error_is_not_a_problem()
    {
        _cli.Handler.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html>bad gateway</html>"),
        };

        var result = await _cli.RunAsync("schedules", "list");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.Equal("error: HTTP 502 Bad Gateway from GET http://127.0.0.1:8080/schedules", result.Error.Trim());
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    private static int ClosedPort()
    {
        // Bound then released: nothing listens there afterwards, so a connection is refused.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static string TempJson(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hascheduler-cli-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
