using System.Globalization;
using System.Text.RegularExpressions;

namespace HaScheduler.Node.Scheduling;

/// <summary>Strict RFC 3339 date-time parsing: a time is only an instant when it carries an offset.</summary>
internal static partial class Rfc3339
{
    /// <summary>
    /// Parses e.g. <c>2025-03-14T22:17:05Z</c> or <c>2025-03-14T22:17:05.5+01:00</c>. Local times without
    /// an offset are refused: their instant would depend on the server's zone.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;

        // The shape check comes first because DateTimeOffset.TryParse is lenient (it assumes the local
        // zone when no offset is given and accepts many other layouts).
        if (text is null || !Shape().IsMatch(text))
        {
            return false;
        }

        return DateTimeOffset.TryParse(
            text.ToUpperInvariant(), CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
