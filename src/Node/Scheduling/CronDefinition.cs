using Cronos;

namespace HaScheduler.Node.Scheduling;

/// <summary>
/// A parsed cron schedule: an expression evaluated in a time zone, yielding UTC instants.
/// </summary>
/// <remarks>
/// <para>
/// The number of fields decides the format: six fields put seconds first (<c>0 30 9 * * MON-FRI</c>);
/// five are the classic minute-first form and fire at second 0. Macros such as <c>@hourly</c> are not
/// accepted, so every stored expression reads the same way.
/// </para>
/// <para>
/// Daylight saving time follows Cronos. When clocks spring forward, an occurrence whose local time falls
/// into the skipped hour fires once, at the first instant after the gap (Berlin, 2025-03-30: a daily
/// 02:30 fires at 03:00 CEST). When clocks fall back, an occurrence named by fixed hour and minute fires
/// once, in the first (summer-time) offset; an interval-style one (a <c>*</c> or step in the hour field,
/// e.g. every minute or every hour) fires in both offsets, so no slot of real time is left out.
/// </para>
/// </remarks>
public sealed class CronDefinition
{
    // Cronos searches no further than the year 2499; from 2000 that covers a full 400-year Gregorian
    // cycle, so "no occurrence" here means "never", e.g. the 30th of February.
    private static readonly DateTimeOffset ImpossibilityProbeStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CronExpression _expression;

    private CronDefinition(string expression, CronExpression parsed, TimeZoneInfo zone)
    {
        Expression = expression;
        _expression = parsed;
        Zone = zone;
    }

    /// <summary>The expression with its fields separated by single spaces.</summary>
    public string Expression { get; }

    /// <summary>The zone the expression is evaluated in (UTC unless a time zone was given).</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>
    /// Parses <paramref name="expression"/> in <paramref name="timeZone"/> (an IANA id such as
    /// <c>Europe/Berlin</c>; null means UTC). On failure <paramref name="error"/> names what is wrong.
    /// Expressions that can never fire (<c>0 0 0 30 2 *</c>) are rejected.
    /// </summary>
    public static bool TryParse(
        string? expression, string? timeZone, out CronDefinition? definition, out string? error)
    {
        definition = null;
        var expressionError = TryParseExpression(expression, out var normalized, out var parsed);
        var zoneError = TryResolveZone(timeZone, out var zone);
        error = expressionError ?? zoneError;
        if (error is not null)
        {
            return false;
        }

        definition = new CronDefinition(normalized!, parsed!, zone!);
        return true;
    }

    /// <summary>Parses a stored, already validated expression; throws if it is not valid.</summary>
    public static CronDefinition Parse(string? expression, string? timeZone) =>
        TryParse(expression, timeZone, out var definition, out var error)
            ? definition!
            : throw new ArgumentException(error, nameof(expression));

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) =>
        _expression.GetNextOccurrence(after, Zone, inclusive: false)?.ToUniversalTime();

    /// <summary>
    /// Occurrences in (<paramref name="afterExclusive"/>, <paramref name="untilInclusive"/>], in UTC,
    /// oldest first, computed lazily.
    /// </summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset afterExclusive, DateTimeOffset untilInclusive)
    {
        if (untilInclusive <= afterExclusive)
        {
            return [];
        }

        return _expression
            .GetOccurrences(afterExclusive, untilInclusive, Zone, fromInclusive: false, toInclusive: true)
            .Select(occurrence => occurrence.ToUniversalTime());
    }

    internal static string? TryParseExpression(
        string? expression, out string? normalized, out CronExpression? parsed)
    {
        normalized = null;
        parsed = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            return "cron expression is required, e.g. '0 */5 * * * *'";
        }

        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var format = fields.Length switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            _ => (CronFormat?)null,
        };
        if (format is null)
        {
            return $"expected 5 or 6 fields (seconds first when 6), got {fields.Length}";
        }

        normalized = string.Join(' ', fields);
        try
        {
            parsed = CronExpression.Parse(normalized, format.Value);
        }
        catch (CronFormatException exception)
        {
            return $"invalid cron expression '{normalized}': {exception.Message}";
        }

        if (parsed.GetNextOccurrence(ImpossibilityProbeStart, TimeZoneInfo.Utc) is null)
        {
            return $"cron expression '{normalized}' never fires: "
                + "the requested days do not exist in the requested months";
        }

        return null;
    }

    internal static string? TryResolveZone(string? timeZone, out TimeZoneInfo? zone)
    {
        zone = null;
        if (timeZone is null)
        {
            zone = TimeZoneInfo.Utc;
            return null;
        }

        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return "time zone must be an IANA id such as 'Europe/Berlin' when given";
        }

        // Only IANA ids: Windows names also resolve on some hosts, and every node must agree on the zone.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) || !found.HasIanaId)
        {
            return $"unknown time zone '{timeZone}'; use an IANA id such as 'Europe/Berlin'";
        }

        zone = found;
        return null;
    }
}
