namespace HaScheduler.Messages;

/// <summary>What a new leader does with occurrences that were due while nobody led.</summary>
public enum MisfirePolicy
{
    /// <summary>Fire the latest missed occurrence once; record the others as skipped (default).</summary>
    FireOnce,

    /// <summary>Fire every missed occurrence, oldest first (bounded by the catch-up limit).</summary>
    FireAll,

    /// <summary>Fire none of them; record them all as skipped.</summary>
    Skip,
}
