using System.CommandLine;

namespace HaScheduler.Cli;

/// <summary>
/// Wraps command bodies: opens the session, prints a <see cref="CliFailure"/>, returns the exit code.
/// </summary>
public sealed class CliActions(CliOptions options, CliHost host)
{
    public Func<ParseResult, CancellationToken, Task<int>> Run(
        Func<CliSession, ParseResult, CancellationToken, Task> body) => async (parsed, ct) =>
    {
        try
        {
            using var session = CliSession.Open(parsed, options, host);
            await body(session, parsed, ct);
            return ExitCodes.Ok;
        }
        catch (CliFailure failure)
        {
            await host.Error.WriteLineAsync($"error: {failure.Message}");
            foreach (var detail in failure.Details)
            {
                await host.Error.WriteLineAsync($"  {detail}");
            }

            return failure.ExitCode;
        }
    };
}
