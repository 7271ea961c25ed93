using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaScheduler.Cli.Rendering;

/// <summary>Plain-text cells (never parsed as markup: names and errors come from users) and time formats.</summary>
internal static class Cells
{
    public const string None = "-";

    public static IRenderable[] Of(params string?[] values) =>
        values.Select(value => (IRenderable)new Text(value ?? None)).ToArray();

    public static string Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? None;

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    /// <summary>A two-column key/value grid.</summary>
    public static Grid Pairs(params (string Key, string? Value)[] pairs)
    {
        var grid = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn();
        foreach (var (key, value) in pairs)
        {
            grid.AddRow(Of(key, value));
        }

        return grid;
    }
}
