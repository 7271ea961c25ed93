using HaScheduler.Messages;

namespace HaScheduler.Node.Scheduling;

/// <summary>Pure occurrence maths for every schedule type. Same inputs, same instants, on every node.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>cron</c>: see <see cref="CronDefinition"/> for the format and daylight saving rules.</item>
/// <item><c>duration</c>: occurrences are <c>anchorAt + k * interval</c> for k = 1, 2, …: the anchor
/// itself is not an occurrence, so a schedule created or changed at 10:00 with interval 1h first fires at
/// 11:00. The phase depends only on the anchor, never on when a node happens to look.</item>
/// <item><c>at_times</c>: each distinct listed instant, once; the order of the list does not matter.</item>
/// </list>
/// All results are UTC. The spec is expected to have passed <see cref="ScheduleValidator"/>; an invalid
/// definition throws <see cref="ArgumentException"/>.
/// </remarks>
public static class Occurrences
{
    /// <summary>
    /// The first occurrence strictly after <paramref name="after"/>, or null if there is none.
    /// </summary>
    public static DateTimeOffset? NextAfter(ScheduleSpec spec, DateTimeOffset anchorAt, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type switch
        {
            ScheduleType.Cron => Cron(spec).NextAfter(after),
            ScheduleType.Duration => DurationNextAfter(Interval(spec), anchorAt, after),
            ScheduleType.AtTimes => AtTimesNextAfter(Times(spec), after),
            _ => throw UnknownType(spec),
        };
    }

    /// <summary>
    /// Occurrences in (<paramref name="afterExclusive"/>, <paramref name="untilInclusive"/>], oldest first,
    /// at most <paramref name="max"/> of them.
    /// </summary>
    /// <remarks>Work is proportional to the number returned, not to the length of the range.</remarks>
    public static IReadOnlyList<DateTimeOffset> Between(
        ScheduleSpec spec,
        DateTimeOffset anchorAt,
        DateTimeOffset afterExclusive,
        DateTimeOffset untilInclusive,
        int max)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0 || untilInclusive <= afterExclusive)
        {
            return [];
        }

        return spec.Type switch
        {
            ScheduleType.Cron => Cron(spec).Between(afterExclusive, untilInclusive).Take(max).ToList(),
            ScheduleType.Duration =>
                DurationBetween(Interval(spec), anchorAt, afterExclusive, untilInclusive, max),
            ScheduleType.AtTimes => Times(spec)
                .Where(time => time > afterExclusive && time <= untilInclusive)
                .Select(time => time.ToUniversalTime())
                .Distinct()
                .Order()
                .Take(max)
                .ToList(),
            _ => throw UnknownType(spec),
        };
    }

    private static DateTimeOffset? DurationNextAfter(
        TimeSpan interval, DateTimeOffset anchorAt, DateTimeOffset after)
    {
        var k = FirstIndexAfter(interval, anchorAt, after);
        return AtIndex(interval, anchorAt, k);
    }

    private static List<DateTimeOffset> DurationBetween(
        TimeSpan interval,
        DateTimeOffset anchorAt,
        DateTimeOffset afterExclusive,
        DateTimeOffset untilInclusive,
        int max)
    {
        var result = new List<DateTimeOffset>();
        for (var k = FirstIndexAfter(interval, anchorAt, afterExclusive); result.Count < max; k++)
        {
            var occurrence = AtIndex(interval, anchorAt, k);
            if (occurrence is null || occurrence.Value > untilInclusive)
            {
                break;
            }

            result.Add(occurrence.Value);
        }

        return result;
    }

    // The smallest k >= 1 with anchor + k * interval > after, by division rather than by stepping.
    private static Int128 FirstIndexAfter(TimeSpan interval, DateTimeOffset anchorAt, DateTimeOffset after)
    {
        var elapsed = (Int128)after.UtcTicks - anchorAt.UtcTicks;
        return elapsed < 0 ? 1 : elapsed / interval.Ticks + 1;
    }

    private static DateTimeOffset? AtIndex(TimeSpan interval, DateTimeOffset anchorAt, Int128 k)
    {
        var ticks = anchorAt.UtcTicks + k * interval.Ticks;
        return ticks > DateTimeOffset.MaxValue.UtcTicks
            ? null
            : new DateTimeOffset((long)ticks, TimeSpan.Zero);
    }

    private static DateTimeOffset? AtTimesNextAfter(IReadOnlyList<DateTimeOffset> times, DateTimeOffset after)
    {
        DateTimeOffset? next = null;
        foreach (var time in times)
        {
            if (time > after && (next is null || time < next.Value))
            {
                next = time;
            }
        }

        return next?.ToUniversalTime();
    }

    private static CronDefinition Cron(ScheduleSpec spec) =>
        CronDefinition.Parse(spec.Definition.CronExpression, spec.Definition.TimeZone);

    private static TimeSpan Interval(ScheduleSpec spec)
    {
        if (!GoDuration.TryParse(spec.Definition.Interval, out var interval, out var error))
        {
            throw new ArgumentException(error, nameof(spec));
        }

        return interval > TimeSpan.Zero
            ? interval
            : throw new ArgumentException(
                $"interval must be positive, got '{spec.Definition.Interval}'", nameof(spec));
    }

    private static IReadOnlyList<DateTimeOffset> Times(ScheduleSpec spec) =>
        spec.Definition.Times ?? throw new ArgumentException("at_times schedule without times", nameof(spec));

    private static ArgumentException UnknownType(ScheduleSpec spec) =>
        new($"unknown schedule type {spec.Type}", nameof(spec));
}
