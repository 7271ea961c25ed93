using Spectre.Console;

namespace HaScheduler.Cli.Tests;

/// <summary>Runs the CLI in-process against <see cref="Handler"/>, capturing what it prints.</summary>
internal sealed class CliHarness
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    public StubHandler Handler { get; } = new();

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Replaces the stub, e.g. with a real handler to see a real connection failure.</summary>
    public Func<HttpMessageHandler>? CreateHandler { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var screen = new StringWriter();
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 220;
        var host = new CliHost(
            CreateHandler ?? (() => Handler), console, output, error, name => Environment.GetValueOrDefault(name));

        var exitCode = await CliApp.RunAsync(args, host).WaitAsync(RunTimeout);

        return new CliResult(exitCode, screen.ToString() + output, output.ToString(), error.ToString());
    }
}

/// <param name="Shown">Everything printed to standard output, tables included.</param>
/// <param name="Raw">What was written as is (the <c>--json</c> output).</param>
internal sealed record CliResult(int ExitCode, string Shown, string Raw, string Error);
