using System.CommandLine;
using System.Globalization;
using HaScheduler.Cli.Rendering;

namespace HaScheduler.Cli.Commands;

/// <summary><c>schedules list|get|create|update|delete</c>.</summary>
public static class ScheduleCommands
{
    private const string Path = "/schedules";

    public static Command Create(CliActions actions) => new("schedules", "Schedules (the REST API's /schedules)")
    {
        List(actions), Get(actions), CreateOne(actions), Update(actions), Delete(actions),
    };

    private static Command List(CliActions actions)
    {
        var limit = CommandArguments.Limit();
        var after = new Option<string?>("--after") { Description = "Continue after this id (from the last page)" };
        var command = new Command("list", "Lists schedules in creation order") { limit, after };
        command.SetAction(actions.Run(async (session, parsed, ct) =>
        {
            var query = Query(("limit", Text(parsed.GetValue(limit))), ("after", parsed.GetValue(after)));
            session.Show<SchedulePageView>(await session.Api.GetAsync(Path + query, ct), ScheduleRenderer.List);
        }));
        return command;
    }

    private static Command Get(CliActions actions)
    {
        var id = CommandArguments.ScheduleId();
        var command = new Command("get", "Shows one schedule") { id };
        command.SetAction(actions.Run(async (session, parsed, ct) => session.Show<ScheduleView>(
            await session.Api.GetAsync(One(parsed.GetRequiredValue(id)), ct), ScheduleRenderer.One)));
        return command;
    }

    private static Command CreateOne(CliActions actions)
    {
        var file = CommandArguments.JsonFile();
        var command = new Command("create", "Creates a schedule from a JSON file") { file };
        command.SetAction(actions.Run(async (session, parsed, ct) =>
        {
            var json = await CommandArguments.ReadJsonAsync(parsed.GetRequiredValue(file), ct);
            var response = await session.Api.SendJsonAsync(HttpMethod.Post, Path, json, null, ct);
            session.Show<ScheduleView>(response, ScheduleRenderer.One);
        }));
        return command;
    }

    private static Command Update(CliActions actions)
    {
        var id = CommandArguments.ScheduleId();
        var file = CommandArguments.JsonFile();
        var version = new Option<long?>("--version")
        {
            Description = "Only replace if the schedule is still at this version (sent as If-Match)",
        };
        var command = new Command("update", "Replaces a schedule with a JSON file") { id, file, version };
        command.SetAction(actions.Run(async (session, parsed, ct) =>
        {
            var json = await CommandArguments.ReadJsonAsync(parsed.GetRequiredValue(file), ct);
            var ifMatch = parsed.GetValue(version) is { } v ? $"\"{Text(v)}\"" : null;
            var response = await session.Api.SendJsonAsync(
                HttpMethod.Put, One(parsed.GetRequiredValue(id)), json, ifMatch, ct);
            session.Show<ScheduleView>(response, ScheduleRenderer.One);
        }));
        return command;
    }

    private static Command Delete(CliActions actions)
    {
        var id = CommandArguments.ScheduleId();
        var command = new Command("delete", "Deletes a schedule and shows what it was") { id };
        command.SetAction(actions.Run(async (session, parsed, ct) => session.Show<ScheduleView>(
            await session.Api.DeleteAsync(One(parsed.GetRequiredValue(id)), ct), ScheduleRenderer.One)));
        return command;
    }

    internal static string One(string id) => $"{Path}/{CommandArguments.Segment(id)}";

    internal static string Query(params (string Name, string? Value)[] parameters)
    {
        var set = parameters.Where(p => p.Value is not null)
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToArray();
        return set.Length == 0 ? "" : "?" + string.Join("&", set);
    }

    internal static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
