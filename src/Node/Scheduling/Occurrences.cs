using HaScheduler.Messages;

namespace HaScheduler.Node.Scheduling;

/// <summary>Pure occurrence maths for every schedule type. Same inputs, same instants, on every node.</summary>
public static class Occurrences
{
    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if there is none.</summary>
    public static DateTimeOffset? NextAfter(ScheduleSpec spec, DateTimeOffset anchorAt, DateTimeOffset after) =>
        throw new NotImplementedException();

    /// <summary>
    /// Occurrences in (<paramref name="afterExclusive"/>, <paramref name="untilInclusive"/>], oldest first,
    /// at most <paramref name="max"/> of them.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> Between(
        ScheduleSpec spec, DateTimeOffset anchorAt, DateTimeOffset afterExclusive, DateTimeOffset untilInclusive,
        int max) => throw new NotImplementedException();
}
