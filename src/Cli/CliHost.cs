using Spectre.Console;

namespace HaScheduler.Cli;

/// <summary>
/// What the CLI touches outside itself: the network, the terminal and the environment. Tests pass a stub
/// handler, string writers and a dictionary.
/// </summary>
public sealed record CliHost(
    Func<HttpMessageHandler> CreateHandler,
    IAnsiConsole Console,
    TextWriter Output,
    TextWriter Error,
    Func<string, string?> GetEnvironmentVariable)
{
    public static CliHost FromProcess() => new(
        () => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) },
        AnsiConsole.Console,
        System.Console.Out,
        System.Console.Error,
        Environment.GetEnvironmentVariable);
}
