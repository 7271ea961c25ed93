using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class GoDurationParseTests
{
    public static TheoryData<string, long> ValidInputs => new()
    {
        // Bare zero, signed zero and the examples from Go's documentation.
        { "0", 0 },
        { "-0", 0 },
        { "+0", 0 },
        { "300ms", 300 * TimeSpan.TicksPerMillisecond },
        { "-1.5h", -90 * TimeSpan.TicksPerMinute },
        { "2h45m", 165 * TimeSpan.TicksPerMinute },
        { "1h30m", 90 * TimeSpan.TicksPerMinute },
        { "1.5h", 90 * TimeSpan.TicksPerMinute },
        { "+5s", 5 * TimeSpan.TicksPerSecond },
        { "-5s", -5 * TimeSpan.TicksPerSecond },
        { "5.0s", 5 * TimeSpan.TicksPerSecond },
        { "5.6s", 56 * TimeSpan.TicksPerSecond / 10 },
        { "5.s", 5 * TimeSpan.TicksPerSecond },
        { ".5s", TimeSpan.TicksPerSecond / 2 },
        { "1.004s", 1004 * TimeSpan.TicksPerMillisecond },
        { "100.00100s", 100_001 * TimeSpan.TicksPerMillisecond },
        { "0s", 0 },
        { "0.0h", 0 },

        // Every unit, including both micro signs.
        { "100ns", 1 },
        { "11us", 11 * TimeSpan.TicksPerMicrosecond },
        { "3\u00b5s", 3 * TimeSpan.TicksPerMicrosecond },
        { "15\u03bcs", 15 * TimeSpan.TicksPerMicrosecond },
        { "13ms", 13 * TimeSpan.TicksPerMillisecond },
        { "14s", 14 * TimeSpan.TicksPerSecond },
        { "15m", 15 * TimeSpan.TicksPerMinute },
        { "16h", 16 * TimeSpan.TicksPerHour },

        // Go accepts groups in any order and repeated units; they add up.
        { "1h1h", 2 * TimeSpan.TicksPerHour },
        { "10.5s4m", 4 * TimeSpan.TicksPerMinute + 105 * TimeSpan.TicksPerSecond / 10 },
        { "-2m3.4s", -(2 * TimeSpan.TicksPerMinute + 34 * TimeSpan.TicksPerSecond / 10) },
        { "39h9m14.425s", (39 * 3600 + 9 * 60 + 14) * TimeSpan.TicksPerSecond + 4_250_000 },
        { "52763797000ns", 527_637_970 },

        // TimeSpan counts 100 ns ticks: anything finer is truncated toward zero.
        { "1ns", 0 },
        { "99ns", 0 },
        { "199ns", 1 },
        { "-199ns", -1 },
        { "1h2m3s4ms5us6ns", (3600 + 120 + 3) * TimeSpan.TicksPerSecond + 40_050 },

        // The ends of Go's range (a signed 64-bit count of nanoseconds).
        { "9223372036854775807ns", 92_233_720_368_547_758 },
        { "-9223372036854775808ns", -92_233_720_368_547_758 },
        { "2562047h47m16.854775807s", 92_233_720_368_547_758 },
        { "9223372036s854ms775us807ns", 92_233_720_368_547_758 },
        { "0.100000000000000000000h", 6 * TimeSpan.TicksPerMinute },
    };

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void TryParse_should_accept_go_syntax_when_input_is_valid(string text, long expectedTicks)
    {
        var parsed = GoDuration.TryParse(text, out var value, out var error);

        Assert.True(parsed, error);
        Assert.Null(error);
        Assert.Equal(expectedTicks, value.Ticks);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    [InlineData("1", "missing unit")]
    [InlineData("3", "missing unit")]
    [InlineData("1.", "missing unit")]
    [InlineData("1.5.5s", "missing unit")]
    [InlineData("00", "missing unit")]
    [InlineData("-", "invalid duration")]
    [InlineData("+", "invalid duration")]
    [InlineData("s", "invalid duration")]
    [InlineData(".", "invalid duration")]
    [InlineData("-.", "invalid duration")]
    [InlineData(".s", "invalid duration")]
    [InlineData("+.s", "invalid duration")]
    [InlineData(" 1s", "invalid duration")]
    [InlineData("--1s", "invalid duration")]
    [InlineData("1e3s", "unknown unit 'e'")]
    [InlineData("1d", "unknown unit 'd'")]
    [InlineData("1S", "unknown unit 'S'")]
    [InlineData("1sec", "unknown unit 'sec'")]
    [InlineData("1 s", "unknown unit ' s'")]
    [InlineData("1s ", "unknown unit 's '")]
    [InlineData("\u0085\u0085", "invalid duration")]
    [InlineData("9223372036854775808ns", "out of range")]
    [InlineData("2562047h47m16.854775808s", "out of range")]
    [InlineData("-9223372036854775809ns", "out of range")]
    [InlineData("2562048h", "out of range")]
    [InlineData("9223372036854775807ns1ns", "out of range")]
    [InlineData("99999999999999999999999999h", "out of range")]
    public void TryParse_should_reject_with_reason_when_input_is_not_go_syntax(string? text, string reason)
    {
        var parsed = GoDuration.TryParse(text, out var value, out var error);

        Assert.False(parsed);
        Assert.Equal(TimeSpan.Zero, value);
        Assert.NotNull(error);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void TryParse_should_ignore_fraction_digits_when_they_are_below_a_nanosecond()
    {
        var longFraction = "1." + new string('9', 40) + "s";

        var parsed = GoDuration.TryParse(longFraction, out var value, out _);

        Assert.True(parsed);
        Assert.Equal(2 * TimeSpan.TicksPerSecond - 1, value.Ticks);
    }
}
