using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

/// <summary>
/// Hand-checked facts: Berlin moves 02:00 CET to 03:00 CEST on 2025-03-30 (01:00Z) and 03:00 CEST back to
/// 02:00 CET on 2025-10-26 (01:00Z); New York moves 02:00 EST to 03:00 EDT on 2025-03-09 (07:00Z) and
/// 02:00 EDT back to 01:00 EST on 2025-11-02 (06:00Z).
/// </summary>
public sealed class CronDaylightSavingTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) =>
        new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void NextAfter_should_fire_right_after_the_gap_when_local_time_is_skipped_in_berlin()
    {
        var daily0230 = CronDefinition.Parse("0 30 2 * * *", "Europe/Berlin");

        var inGap = daily0230.NextAfter(Utc(3, 29, 12));
        var dayAfter = daily0230.NextAfter(inGap!.Value);

        Assert.Equal(Utc(3, 30, 1), inGap);
        Assert.Equal(Utc(3, 31, 0, 30), dayAfter);
    }

    [Fact]
    public void NextAfter_should_fire_once_in_the_first_offset_when_local_time_repeats_in_berlin()
    {
        var daily0230 = CronDefinition.Parse("0 30 2 * * *", "Europe/Berlin");

        var inOverlap = daily0230.NextAfter(Utc(10, 25, 12));
        var following = daily0230.NextAfter(inOverlap!.Value);

        Assert.Equal(Utc(10, 26, 0, 30), inOverlap);
        Assert.Equal(Utc(10, 27, 1, 30), following);
    }

    [Fact]
    public void Between_should_fire_in_both_offsets_when_interval_expression_crosses_berlin_overlap()
    {
        var every30Minutes = CronDefinition.Parse("0 */30 * * * *", "Europe/Berlin");
        var expected = Enumerable.Range(1, 6).Select(i => Utc(10, 25, 23).AddMinutes(30 * i));

        var fired = every30Minutes.Between(Utc(10, 25, 23), Utc(10, 26, 2)).ToList();

        Assert.Equal(expected, fired);
    }

    [Fact]
    public void Between_should_fire_every_real_hour_without_duplicate_when_hourly_crosses_berlin_gap()
    {
        var hourly = CronDefinition.Parse("0 0 * * * *", "Europe/Berlin");
        var expected = Enumerable.Range(0, 5).Select(i => Utc(3, 29, 23).AddHours(i));

        var fired = hourly.Between(Utc(3, 29, 22), Utc(3, 30, 3)).ToList();

        Assert.Equal(expected, fired);
    }

    [Fact]
    public void NextAfter_should_fire_at_three_edt_when_local_time_is_skipped_in_new_york()
    {
        var daily0230 = CronDefinition.Parse("0 30 2 * * *", "America/New_York");

        var inGap = daily0230.NextAfter(Utc(3, 8, 12));
        var dayAfter = daily0230.NextAfter(inGap!.Value);

        Assert.Equal(Utc(3, 9, 7), inGap);
        Assert.Equal(Utc(3, 10, 6, 30), dayAfter);
    }

    [Fact]
    public void NextAfter_should_skip_the_repeated_hour_when_local_time_repeats_in_new_york()
    {
        var daily0130 = CronDefinition.Parse("30 1 * * *", "America/New_York");

        var inOverlap = daily0130.NextAfter(Utc(11, 1, 12));
        var following = daily0130.NextAfter(inOverlap!.Value);

        Assert.Equal(Utc(11, 2, 5, 30), inOverlap);
        Assert.Equal(Utc(11, 3, 6, 30), following);
    }

    [Fact]
    public void Between_should_fire_every_real_minute_when_every_minute_crosses_new_york_overlap()
    {
        var everyMinute = CronDefinition.Parse("* * * * *", "America/New_York");

        var fired = everyMinute.Between(Utc(11, 2, 4), Utc(11, 2, 7)).ToList();

        Assert.Equal(180, fired.Count);
        Assert.Equal(Utc(11, 2, 4, 1), fired[0]);
        Assert.Equal(Utc(11, 2, 7), fired[^1]);
        Assert.All(
            fired.Zip(fired.Skip(1)),
            pair => Assert.Equal(TimeSpan.FromMinutes(1), pair.Second - pair.First));
    }
}
