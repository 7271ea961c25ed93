using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class DurationOccurrencesTests
{
    private static readonly DateTimeOffset Anchor = new(2025, 6, 1, 10, 0, 0, 300, TimeSpan.Zero);

    private static ScheduleSpec Every(string interval) =>
        new("job", ScheduleType.Duration, new ScheduleDefinition(Interval: interval));

    [Fact]
    public void NextAfter_should_be_anchor_plus_interval_when_after_is_the_anchor()
    {
        var spec = Every("1h");

        var next = Occurrences.NextAfter(spec, Anchor, Anchor);

        Assert.Equal(Anchor.AddHours(1), next);
    }

    [Fact]
    public void NextAfter_should_be_anchor_plus_interval_when_after_is_before_the_anchor()
    {
        var spec = Every("1h");

        var next = Occurrences.NextAfter(spec, Anchor, Anchor.AddDays(-3));

        Assert.Equal(Anchor.AddHours(1), next);
    }

    [Fact]
    public void NextAfter_should_return_the_following_slot_when_after_is_exactly_on_an_occurrence()
    {
        var spec = Every("1h30m");

        var next = Occurrences.NextAfter(spec, Anchor, Anchor.AddMinutes(90 * 4));

        Assert.Equal(Anchor.AddMinutes(90 * 5), next);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6_999)]
    [InlineData(7_000)]
    [InlineData(7_001)]
    [InlineData(123_456_789)]
    public void NextAfter_should_stay_on_the_anchor_grid_when_asked_from_any_instant(long millisAfterAnchor)
    {
        var spec = Every("7s");
        var after = Anchor.AddMilliseconds(millisAfterAnchor);

        var next = Occurrences.NextAfter(spec, Anchor, after)!.Value;

        Assert.Equal(0, (next - Anchor).Ticks % TimeSpan.FromSeconds(7).Ticks);
        Assert.InRange(next - after, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void NextAfter_should_keep_the_phase_when_an_update_leaves_the_anchor_unchanged()
    {
        // A no-op update rewrites the spec but keeps AnchorAt, so a node recomputing later lands on the
        // same slots as one that never saw the update.
        var before = Every("90m");
        var rewritten = Every("90m") with { Name = "renamed" };
        var later = Anchor.AddDays(3).AddMinutes(17);

        var original = Occurrences.NextAfter(before, Anchor, later);
        var recomputed = Occurrences.NextAfter(rewritten, Anchor, later);

        Assert.Equal(original, recomputed);
        Assert.Equal(Anchor.AddMinutes(90 * 49), recomputed);
    }

    [Fact]
    public void NextAfter_should_shift_the_phase_when_the_anchor_moves()
    {
        var spec = Every("1h");
        var movedAnchor = Anchor.AddMinutes(20);

        var next = Occurrences.NextAfter(spec, movedAnchor, Anchor.AddHours(5));

        Assert.Equal(Anchor.AddHours(5).AddMinutes(20), next);
    }

    [Fact]
    public void NextAfter_should_compute_exactly_when_the_anchor_is_billions_of_intervals_ago()
    {
        var spec = Every("100ms");
        var interval = TimeSpan.FromMilliseconds(100);
        var after = Anchor + 3_000_000_000L * interval + TimeSpan.FromMilliseconds(50);

        var next = Occurrences.NextAfter(spec, Anchor, after);

        Assert.Equal(Anchor + 3_000_000_001L * interval, next);
    }

    [Fact]
    public void NextAfter_should_return_null_when_the_next_slot_is_beyond_the_calendar()
    {
        var spec = Every("2562047h");

        var next = Occurrences.NextAfter(spec, Anchor, DateTimeOffset.MaxValue.AddYears(-1));

        Assert.Null(next);
    }

    [Fact]
    public void NextAfter_should_throw_when_the_interval_is_not_positive()
    {
        var spec = Every("-1s");

        Action act = () => Occurrences.NextAfter(spec, Anchor, Anchor);

        Assert.Throws<ArgumentException>(act);
    }

    [Fact]
    public void Between_should_return_max_consecutive_slots_when_one_second_interval_spans_days()
    {
        var spec = Every("1s");
        var from = Anchor.AddDays(2).AddMilliseconds(500);

        var slots = Occurrences.Between(spec, Anchor, from, from.AddDays(5), max: 1000);

        Assert.Equal(1000, slots.Count);
        Assert.Equal(Anchor.AddDays(2).AddSeconds(1), slots[0]);
        Assert.Equal(Anchor.AddDays(2).AddSeconds(1000), slots[^1]);
        Assert.All(
            slots.Zip(slots.Skip(1)),
            pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second - pair.First));
    }

    [Fact]
    public void Between_should_exclude_the_start_and_include_the_end_when_both_are_on_slots()
    {
        var spec = Every("1m");

        var slots = Occurrences.Between(spec, Anchor, Anchor.AddMinutes(1), Anchor.AddMinutes(4), max: 100);

        Assert.Equal([Anchor.AddMinutes(2), Anchor.AddMinutes(3), Anchor.AddMinutes(4)], slots);
    }

    [Fact]
    public void Between_should_match_repeated_next_after_when_range_starts_before_the_anchor()
    {
        var spec = Every("25m");
        var from = Anchor.AddHours(-2);
        var expected = new List<DateTimeOffset>();
        var cursor = from;
        while (expected.Count < 5)
        {
            cursor = Occurrences.NextAfter(spec, Anchor, cursor)!.Value;
            expected.Add(cursor);
        }

        var slots = Occurrences.Between(spec, Anchor, from, Anchor.AddHours(3), max: 5);

        Assert.Equal(expected, slots);
        Assert.Equal(Anchor.AddMinutes(25), slots[0]);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(10, 0)]
    [InlineData(10, -5)]
    public void Between_should_be_empty_when_max_is_zero_or_the_range_is_empty(int max, int rangeMinutes)
    {
        var spec = Every("1s");
        var from = Anchor.AddMinutes(10);

        var slots = Occurrences.Between(spec, Anchor, from, from.AddMinutes(rangeMinutes), max);

        Assert.Empty(slots);
    }

    [Fact]
    public void Between_should_throw_when_max_is_negative()
    {
        var spec = Every("1s");

        var act = () => Occurrences.Between(spec, Anchor, Anchor, Anchor.AddHours(1), -1);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }
}
