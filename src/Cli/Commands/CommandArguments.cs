using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace HaScheduler.Cli.Commands;

/// <summary>Arguments and options shared by several commands, validated before anything is sent.</summary>
internal static class CommandArguments
{
    public static Argument<string> MemberAddress() => Validated(
        new Argument<string>("address") { Description = "Member as host:port, as 'cluster show' lists it" },
        value => IsHostAndPort(value) ? null : $"address '{value}' is not host:port (e.g. 127.0.0.1:4053)");

    public static Argument<string> ScheduleId(string name = "id") => Validated(
        new Argument<string>(name) { Description = "Schedule id (sch_...)" },
        value => string.IsNullOrWhiteSpace(value) || value.Contains('/')
            ? $"{name} '{value}' is not a schedule id"
            : null);

    public static Argument<FileInfo> JsonFile() => new("file")
    {
        Description = "JSON file with the schedule (see payloads/*.json)",
    };

    public static Option<int?> Limit() => Validated(
        new Option<int?>("--limit") { Description = "Page size (the node caps it)" },
        value => value is < 1 ? $"--limit must be at least 1, not {value}" : null);

    /// <summary>The path segment for <paramref name="value"/>: escaped, so no value can change the route.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>Reads a schedule file, failing with a usage error the user can act on.</summary>
    public static async Task<string> ReadJsonAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"cannot read '{file}': {e.Message}");
        }
    }

    private static bool IsHostAndPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0
               && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
               && port is >= 1 and <= 65535;
    }

    private static Argument<T> Validated<T>(Argument<T> argument, Func<T, string?> problem)
    {
        argument.Validators.Add(result => Check(result, result.GetValueOrDefault<T>(), problem));
        return argument;
    }

    private static Option<T> Validated<T>(Option<T> option, Func<T, string?> problem)
    {
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<T>(), problem));
        return option;
    }

    private static void Check<T>(SymbolResult result, T value, Func<T, string?> problem)
    {
        if (problem(value) is { } message)
        {
            result.AddError(message);
        }
    }
}
