using System.Text.Json;
using Spectre.Console;

namespace HaScheduler.Cli.Rendering;

/// <summary>Tables for <c>schedules</c> and <c>runs</c>.</summary>
public static class ScheduleRenderer
{
    public static void List(IAnsiConsole console, SchedulePageView page)
    {
        var table = Cells.Table("Id", "Name", "Type", "Definition", "Misfire", "Next fire", "Version");
        foreach (var s in page.Items)
        {
            table.AddRow(Cells.Of(
                s.Id, s.Name, s.Type, Definition(s.Definition), s.MisfirePolicy, Cells.Time(s.NextFireAt),
                Cells.Number(s.Version)));
        }

        console.Write(table);
        if (page.NextAfter is not null)
        {
            console.Write(new Text($"more: --after {page.NextAfter}\n"));
        }
    }

    public static void One(IAnsiConsole console, ScheduleView s) => console.Write(Cells.Pairs(
        ("Id", s.Id),
        ("Name", s.Name),
        ("Type", s.Type),
        ("Definition", Definition(s.Definition)),
        ("Misfire policy", s.MisfirePolicy),
        ("Next fire", Cells.Time(s.NextFireAt)),
        ("Created", Cells.Time(s.CreatedAt)),
        ("Updated", Cells.Time(s.UpdatedAt)),
        ("Version", Cells.Number(s.Version))));

    public static void Runs(IAnsiConsole console, RunPageView page)
    {
        var table = Cells.Table("Occurrence", "Fired at", "Status", "Node", "Epoch", "Error");
        foreach (var run in page.Items)
        {
            table.AddRow(Cells.Of(
                Cells.Time(run.Occurrence), Cells.Time(run.FiredAt), run.Status, run.Node,
                Cells.Number(run.Epoch), run.Error));
        }

        console.Write(table);
        if (page.NextBefore is { } before)
        {
            console.Write(new Text($"more: --before {before.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}\n"));
        }
    }

    private static string Definition(JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object)
        {
            return Cells.None;
        }

        if (definition.TryGetProperty("interval", out var interval))
        {
            return $"every {interval.GetString()}";
        }

        if (definition.TryGetProperty("cron_expression", out var cron))
        {
            return definition.TryGetProperty("time_zone", out var zone)
                ? $"cron {cron.GetString()} ({zone.GetString()})"
                : $"cron {cron.GetString()}";
        }

        if (definition.TryGetProperty("times", out var times) && times.ValueKind == JsonValueKind.Array)
        {
            var all = times.EnumerateArray().Select(t => t.GetString()).ToArray();
            return all.Length <= 2 ? $"at {string.Join(", ", all)}" : $"at {all[0]} and {all.Length - 1} more";
        }

        return definition.GetRawText();
    }
}
