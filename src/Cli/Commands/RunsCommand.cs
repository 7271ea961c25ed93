using System.CommandLine;
using HaScheduler.Cli.Rendering;

namespace HaScheduler.Cli.Commands;

/// <summary><c>runs &lt;schedule-id&gt; [--limit] [--before]</c>: the run ledger, newest first.</summary>
public static class RunsCommand
{
    public static Command Create(CliActions actions)
    {
        var id = CommandArguments.ScheduleId("schedule-id");
        var limit = CommandArguments.Limit();
        var before = new Option<string?>("--before") { Description = "Continue before this occurrence (last page)" };
        var command = new Command("runs", "A schedule's runs, newest first") { id, limit, before };
        command.SetAction(actions.Run(async (session, parsed, ct) =>
        {
            var query = ScheduleCommands.Query(
                ("limit", ScheduleCommands.Text(parsed.GetValue(limit))), ("before", parsed.GetValue(before)));
            var path = $"{ScheduleCommands.One(parsed.GetRequiredValue(id))}/runs{query}";
            session.Show<RunPageView>(await session.Api.GetAsync(path, ct), ScheduleRenderer.Runs);
        }));
        return command;
    }
}
