using System.Globalization;

namespace HaScheduler.Node.Api;

/// <summary>
/// The <c>If-Match</c> header of a replace or delete: absent (unconditional), <c>*</c> (any current version)
/// or one version, as sent in our ETags (<c>"3"</c>) or bare (<c>3</c>).
/// </summary>
internal readonly record struct IfMatch(long? Version, bool AnyVersion)
{
    public static bool TryParse(string? header, out IfMatch condition, out string message)
    {
        condition = default;
        message = string.Empty;
        var text = header?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text == "*")
        {
            condition = new IfMatch(null, AnyVersion: true);
            return true;
        }

        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            message = "weak entity tags cannot be used with If-Match; send the ETag as returned, e.g. \"3\"";
            return false;
        }

        var unquoted = text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;
        if (!long.TryParse(unquoted, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            message = $"'{text}' is not one schedule version; send the ETag as returned, e.g. \"3\"";
            return false;
        }

        condition = new IfMatch(version, AnyVersion: false);
        return true;
    }
}
