using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class CronAndAtTimesOccurrencesTests
{
    private static readonly DateTimeOffset Anchor = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = new(2025, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2025, 7, 1, 12, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset T3 = new(2025, 7, 2, 0, 0, 0, TimeSpan.Zero);

    private static ScheduleSpec Cron(string expression, string? zone = null) =>
        new("job", ScheduleType.Cron, new ScheduleDefinition(CronExpression: expression, TimeZone: zone));

    private static ScheduleSpec AtTimes(params DateTimeOffset[] times) =>
        new("job", ScheduleType.AtTimes, new ScheduleDefinition(Times: times));

    [Fact]
    public void NextAfter_should_ignore_the_anchor_when_schedule_is_cron()
    {
        var spec = Cron("0 0 * * * *");
        var after = new DateTimeOffset(2025, 6, 1, 10, 20, 0, TimeSpan.Zero);

        var fromOneAnchor = Occurrences.NextAfter(spec, Anchor, after);
        var fromAnother = Occurrences.NextAfter(spec, Anchor.AddMinutes(7), after);

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 11, 0, 0, TimeSpan.Zero), fromOneAnchor);
        Assert.Equal(fromOneAnchor, fromAnother);
    }

    [Fact]
    public void Between_should_stop_at_max_when_every_second_cron_spans_days()
    {
        var spec = Cron("* * * * * *");

        var slots = Occurrences.Between(spec, Anchor, Anchor, Anchor.AddDays(30), max: 500);

        Assert.Equal(500, slots.Count);
        Assert.Equal(Anchor.AddSeconds(1), slots[0]);
        Assert.Equal(Anchor.AddSeconds(500), slots[^1]);
    }

    [Fact]
    public void Between_should_apply_the_zone_when_cron_has_a_time_zone()
    {
        var spec = Cron("0 9 * * *", "Europe/Berlin");

        var slots = Occurrences.Between(spec, Anchor, Anchor, Anchor.AddDays(2), max: 10);

        Assert.Equal([Anchor.AddHours(7), Anchor.AddDays(1).AddHours(7)], slots);
    }

    [Fact]
    public void NextAfter_should_throw_when_cron_spec_was_never_validated()
    {
        var spec = Cron("0 0 0 30 2 *");

        Action act = () => Occurrences.NextAfter(spec, Anchor, Anchor);

        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void NextAfter_should_walk_listed_times_in_order_when_input_is_unordered_with_duplicates()
    {
        var spec = AtTimes(T3, T1, T2, T1, T2.ToUniversalTime());

        var first = Occurrences.NextAfter(spec, Anchor, Anchor);
        var second = Occurrences.NextAfter(spec, Anchor, first!.Value);
        var third = Occurrences.NextAfter(spec, Anchor, second!.Value);
        var none = Occurrences.NextAfter(spec, Anchor, third!.Value);

        Assert.Equal(T1, first);
        Assert.Equal(T2, second);
        Assert.Equal(T3, third);
        Assert.Null(none);
    }

    [Fact]
    public void NextAfter_should_be_null_when_all_listed_times_are_in_the_past()
    {
        var spec = AtTimes(T1, T2);

        var next = Occurrences.NextAfter(spec, Anchor, T3);

        Assert.Null(next);
    }

    [Fact]
    public void Between_should_return_distinct_times_oldest_first_when_input_is_unordered()
    {
        var spec = AtTimes(T3, T2, T1, T2.ToOffset(TimeSpan.FromHours(-5)), T1);

        var slots = Occurrences.Between(spec, Anchor, Anchor, T3.AddDays(1), max: 10);

        Assert.Equal([T1, T2, T3], slots);
        Assert.All(slots, slot => Assert.Equal(TimeSpan.Zero, slot.Offset));
    }

    [Fact]
    public void Between_should_exclude_the_start_include_the_end_and_honour_max_when_listing_times()
    {
        var spec = AtTimes(T1, T2, T3, T3.AddDays(1));

        var slots = Occurrences.Between(spec, Anchor, T1, T3.AddDays(1), max: 2);

        Assert.Equal([T2, T3], slots);
    }
}
