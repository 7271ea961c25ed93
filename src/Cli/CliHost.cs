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
        Terminal(),
        System.Console.Out,
        System.Console.Error,
        Environment.GetEnvironmentVariable);

    /// <summary>
    /// The terminal, or, when output is piped or redirected, a console wide enough that tables never wrap ids
    /// across lines (Spectre falls back to 80 columns without a terminal).
    /// </summary>
    private static IAnsiConsole Terminal()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 400;
        }

        return console;
    }
}
