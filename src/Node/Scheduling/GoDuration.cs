using System.Globalization;
using System.Text;

namespace HaScheduler.Node.Scheduling;

/// <summary>
/// Parses and formats Go's <c>time.ParseDuration</c> syntax (<c>300ms</c>, <c>1.5h</c>, <c>2h45m</c>,
/// <c>1µs</c>), so that intervals written for Go tooling mean the same thing here.
/// </summary>
/// <remarks>
/// Grammar: an optional sign, then either the bare <c>0</c> or one or more
/// <c>decimal[.fraction]unit</c> groups with no spaces, where unit is one of
/// <c>ns us µs μs ms s m h</c>. The range is Go's: the magnitude must fit a signed 64-bit count of
/// nanoseconds (about 292 years). <see cref="TimeSpan"/> counts 100 ns ticks, so values are truncated
/// toward zero to whole ticks: <c>150ns</c> parses as 100 ns and <c>99ns</c> as zero.
/// </remarks>
public static class GoDuration
{
    private const ulong NanosPerTick = 100;
    private const ulong NanosPerMicro = 1_000;
    private const ulong NanosPerMilli = 1_000_000;
    private const ulong NanosPerSecond = 1_000_000_000;
    private const ulong NanosPerMinute = 60 * NanosPerSecond;
    private const ulong NanosPerHour = 60 * NanosPerMinute;

    // Go allows exactly 2^63 ns only when negative (it is long.MinValue).
    private const ulong MaxPositiveNanos = long.MaxValue;
    private const ulong MaxNegativeNanos = 1UL << 63;

    // Digits past this many cannot change the result by a whole nanosecond for any unit (1 h < 10^13 ns).
    private const int MaxFractionDigits = 18;

    /// <summary>
    /// Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong in words a
    /// user understands. Negative and zero durations are parse-valid (policy is the caller's).
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = TryParseNanos(text, out var negative, out var nanos);
        if (error is not null)
        {
            return false;
        }

        var ticks = (long)(nanos / NanosPerTick);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String()</c> (e.g. <c>1h30m0s</c>, <c>300ms</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        // UInt128: TimeSpan.MinValue has no positive long counterpart, and its range in ns exceeds 64 bits.
        var ticks = value.Ticks;
        var magnitudeTicks = ticks < 0 ? (UInt128)(-(Int128)ticks) : (UInt128)ticks;
        var nanos = magnitudeTicks * NanosPerTick;
        var text = new StringBuilder();
        if (ticks < 0)
        {
            text.Append('-');
        }

        if (nanos < NanosPerSecond)
        {
            AppendSubSecond(text, (ulong)nanos);
        }
        else
        {
            AppendHoursMinutesSeconds(text, nanos);
        }

        return text.ToString();
    }

    private static string? TryParseNanos(string? text, out bool negative, out ulong nanos)
    {
        negative = false;
        nanos = 0;
        if (string.IsNullOrEmpty(text))
        {
            return "duration is empty; expected e.g. 300ms, 1.5h or 2h45m";
        }

        var rest = text.AsSpan();
        if (rest[0] is '-' or '+')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        if (rest is "0")
        {
            return null;
        }

        if (rest.IsEmpty)
        {
            return Invalid(text);
        }

        UInt128 total = 0;
        while (!rest.IsEmpty)
        {
            var groupError = TryParseGroup(text, ref rest, out var groupNanos);
            if (groupError is not null)
            {
                return groupError;
            }

            total += groupNanos;
            if (total > MaxNegativeNanos)
            {
                return OutOfRange(text);
            }
        }

        if (!negative && total > MaxPositiveNanos)
        {
            return OutOfRange(text);
        }

        nanos = (ulong)total;
        return null;
    }

    // One "decimal[.fraction]unit" group; advances rest past it.
    private static string? TryParseGroup(string text, ref ReadOnlySpan<char> rest, out UInt128 nanos)
    {
        nanos = 0;
        if (!(char.IsAsciiDigit(rest[0]) || rest[0] == '.'))
        {
            return Invalid(text);
        }

        var integerDigits = CountDigits(rest);
        var integerPart = rest[..integerDigits];
        rest = rest[integerDigits..];
        var fractionPart = ReadOnlySpan<char>.Empty;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            rest = rest[1..];
            var fractionDigits = CountDigits(rest);
            fractionPart = rest[..fractionDigits];
            rest = rest[fractionDigits..];
        }

        // "." alone, or ".s", carries no number at all.
        if (integerPart.IsEmpty && fractionPart.IsEmpty)
        {
            return Invalid(text);
        }

        var unitLength = 0;
        while (unitLength < rest.Length && rest[unitLength] != '.' && !char.IsAsciiDigit(rest[unitLength]))
        {
            unitLength++;
        }

        if (unitLength == 0)
        {
            return $"missing unit in duration '{text}'; use one of ns, us, µs, ms, s, m, h";
        }

        var unitText = rest[..unitLength];
        rest = rest[unitLength..];
        if (!TryUnit(unitText, out var unit))
        {
            return $"unknown unit '{unitText}' in duration '{text}'; use one of ns, us, µs, ms, s, m, h";
        }

        UInt128 whole = 0;
        foreach (var digit in integerPart)
        {
            whole = whole * 10 + (uint)(digit - '0');
            if (whole > MaxNegativeNanos)
            {
                return OutOfRange(text);
            }
        }

        nanos = whole * unit + FractionNanos(fractionPart, unit);
        return nanos > MaxNegativeNanos ? OutOfRange(text) : null;
    }

    private static UInt128 FractionNanos(ReadOnlySpan<char> fraction, ulong unit)
    {
        var digits = fraction.Length > MaxFractionDigits ? fraction[..MaxFractionDigits] : fraction;
        UInt128 numerator = 0;
        UInt128 scale = 1;
        foreach (var digit in digits)
        {
            numerator = numerator * 10 + (uint)(digit - '0');
            scale *= 10;
        }

        // Exact rational arithmetic, truncated: Go uses floating point here, which can differ by a
        // nanosecond, far below the 100 ns tick we keep anyway.
        return numerator * unit / scale;
    }

    private static int CountDigits(ReadOnlySpan<char> span)
    {
        var count = 0;
        while (count < span.Length && char.IsAsciiDigit(span[count]))
        {
            count++;
        }

        return count;
    }

    private static bool TryUnit(ReadOnlySpan<char> unit, out ulong nanos)
    {
        nanos = unit switch
        {
            "ns" => 1,
            "us" or "\u00b5s" or "\u03bcs" => NanosPerMicro,
            "ms" => NanosPerMilli,
            "s" => NanosPerSecond,
            "m" => NanosPerMinute,
            "h" => NanosPerHour,
            _ => 0,
        };
        return nanos != 0;
    }

    private static string Invalid(string text) =>
        $"invalid duration '{text}'; expected e.g. 300ms, 1.5h or 2h45m";

    private static string OutOfRange(string text) =>
        $"duration '{text}' is out of range; the largest is 2562047h47m16.854775807s";

    private static void AppendSubSecond(StringBuilder text, ulong nanos)
    {
        if (nanos < NanosPerMicro)
        {
            text.Append(nanos.ToString(CultureInfo.InvariantCulture)).Append("ns");
        }
        else if (nanos < NanosPerMilli)
        {
            AppendDecimal(text, nanos, 3).Append("\u00b5s");
        }
        else
        {
            AppendDecimal(text, nanos, 6).Append("ms");
        }
    }

    private static void AppendHoursMinutesSeconds(StringBuilder text, UInt128 nanos)
    {
        var totalSeconds = nanos / NanosPerSecond;
        var hours = totalSeconds / 3600;
        var minutes = (ulong)(totalSeconds / 60 % 60);
        var seconds = (ulong)(totalSeconds % 60);
        var secondsNanos = seconds * NanosPerSecond + (ulong)(nanos % NanosPerSecond);
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        AppendDecimal(text, secondsNanos, 9).Append('s');
    }

    // Writes value / 10^decimals with trailing zeros (and a bare point) trimmed, like Go's fmtFrac.
    private static StringBuilder AppendDecimal(StringBuilder text, ulong value, int decimals)
    {
        var divisor = (ulong)Math.Pow(10, decimals);
        text.Append((value / divisor).ToString(CultureInfo.InvariantCulture));
        var fraction = (value % divisor).ToString(CultureInfo.InvariantCulture)
            .PadLeft(decimals, '0')
            .TrimEnd('0');
        if (fraction.Length > 0)
        {
            text.Append('.').Append(fraction);
        }

        return text;
    }
}
