namespace HaScheduler.Node.Scheduling;

/// <summary>Bound from configuration section <c>HaScheduler:Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "HaScheduler:Scheduling";

    /// <summary>Shortest accepted duration interval (default 100 ms).</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long run records are kept (TTL on the ledger; default 7 days).</summary>
    public TimeSpan RunRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most missed occurrences looked at per schedule on takeover (older ones are counted, not listed).</summary>
    public int CatchUpLimit { get; set; } = 1000;

    /// <summary>An occurrence this late or less is fired as normal, not treated as a misfire.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
