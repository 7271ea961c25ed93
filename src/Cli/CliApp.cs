using System.CommandLine;
using System.CommandLine.Help;
using HaScheduler.Cli.Commands;

namespace HaScheduler.Cli;

/// <summary>The <c>hascheduler</c> command tree, and how a command's failure becomes an exit code.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        var options = new CliOptions();
        var actions = new CliActions(options, host);
        var root = new RootCommand("Inspect and operate a HaScheduler cluster through a node's REST API.")
        {
            options.Url,
            options.Token,
            options.Json,
            ClusterCommands.Create(actions),
            SchedulerCommands.Create(actions),
            ScheduleCommands.Create(actions),
            RunsCommand.Create(actions),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                await host.Error.WriteLineAsync($"error: {error.Message}");
            }

            await host.Error.WriteLineAsync("run 'hascheduler --help' for usage");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = host.Output, Error = host.Error };
        return await parsed.InvokeAsync(invocation, ct);
    }
}
