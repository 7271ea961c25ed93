namespace HaScheduler.Cli;

/// <summary>Ends a command with <paramref name="exitCode"/>; the first line is the error, the rest details.</summary>
public sealed class CliFailure(int exitCode, string message, IReadOnlyList<string>? details = null)
    : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public IReadOnlyList<string> Details { get; } = details ?? [];

    public static CliFailure Usage(string message) => new(ExitCodes.Usage, message);
}
