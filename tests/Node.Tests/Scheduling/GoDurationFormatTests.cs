using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class GoDurationFormatTests
{
    public static TheoryData<long, string> Cases => new()
    {
        { 0, "0s" },
        { 1, "100ns" },
        { 11, "1.1\u00b5s" },
        { 10, "1\u00b5s" },
        { 22_000, "2.2ms" },
        { 3 * TimeSpan.TicksPerMillisecond, "3ms" },
        { 300 * TimeSpan.TicksPerMillisecond, "300ms" },
        { 33 * TimeSpan.TicksPerSecond / 10, "3.3s" },
        { 4 * TimeSpan.TicksPerMinute + 5 * TimeSpan.TicksPerSecond, "4m5s" },
        { 4 * TimeSpan.TicksPerMinute + 5001 * TimeSpan.TicksPerMillisecond, "4m5.001s" },
        { TimeSpan.TicksPerMinute, "1m0s" },
        { TimeSpan.TicksPerHour, "1h0m0s" },
        { 90 * TimeSpan.TicksPerMinute, "1h30m0s" },
        { 165 * TimeSpan.TicksPerMinute, "2h45m0s" },
        { (5 * 3600 + 6 * 60) * TimeSpan.TicksPerSecond + 7001 * TimeSpan.TicksPerMillisecond, "5h6m7.001s" },
        { -90 * TimeSpan.TicksPerMinute, "-1h30m0s" },
        { -1, "-100ns" },
        { 25 * TimeSpan.TicksPerHour, "25h0m0s" },
        { 92_233_720_368_547_758, "2562047h47m16.8547758s" },

        // Beyond Go's range: TimeSpan reaches further, and formatting must not overflow.
        { long.MaxValue, "256204778h48m5.4775807s" },
        { long.MinValue, "-256204778h48m5.4775808s" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Format_should_match_go_duration_string_when_given_ticks(long ticks, string expected)
    {
        var value = TimeSpan.FromTicks(ticks);

        var text = GoDuration.Format(value);

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(12_345L)]
    [InlineData(-987_654_321L)]
    [InlineData(36_000_000_001L)]
    [InlineData(92_233_720_368_547_758L)]
    [InlineData(-92_233_720_368_547_758L)]
    public void Format_should_round_trip_through_parse_when_value_is_in_go_range(long ticks)
    {
        var value = TimeSpan.FromTicks(ticks);

        var parsed = GoDuration.TryParse(GoDuration.Format(value), out var roundTripped, out var error);

        Assert.True(parsed, error);
        Assert.Equal(value, roundTripped);
    }
}
