using System.Globalization;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Bound from configuration section <c>HaScheduler:Lease</c>; turned into the HOCON of the singleton's lease
/// (<see cref="ToHocon"/>). Expiry is judged by MongoDB's clock; the node only ever shortens its own view.
/// </summary>
public sealed class LeaseOptions
{
    public const string Section = "HaScheduler:Lease";

    /// <summary>
    /// How long a lease lives without renewal (HOCON <c>heartbeat-timeout</c>). Default 4 s: a crashed
    /// holder's lease is free by the time the cluster has downed it (docs/FAILOVER.md), and a MongoDB hiccup
    /// shorter than about 3 s does not cost a failover.
    /// </summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Renewal period, under half of <see cref="Duration"/> (<c>heartbeat-interval</c>).</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a non-holder tries again (the singleton's <c>lease-retry-interval</c>).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Bound on one MongoDB round trip of the lease (<c>lease-operation-timeout</c>).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The holder stops trusting its lease this long before it could expire (<c>safety-margin</c>), to absorb
    /// clock-rate drift and the delay between a renewal's start and its arrival.
    /// Null means a fifth of the duration.
    /// </summary>
    public TimeSpan? SafetyMargin { get; set; }

    public TimeSpan EffectiveSafetyMargin => SafetyMargin ?? Duration / 5;

    /// <summary>Problems that make the lease unsafe or unusable; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Duration <= TimeSpan.Zero)
        {
            problems.Add("Lease:Duration must be positive.");
        }

        if (RenewInterval <= TimeSpan.Zero || RenewInterval * 2 >= Duration)
        {
            problems.Add("Lease:RenewInterval must be positive and less than half of Lease:Duration.");
        }

        if (EffectiveSafetyMargin < TimeSpan.Zero || EffectiveSafetyMargin + RenewInterval >= Duration)
        {
            problems.Add(
                "Lease:SafetyMargin must be non-negative and leave room for one renewal in Lease:Duration.");
        }

        if (RetryInterval <= TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero)
        {
            problems.Add("Lease:RetryInterval and Lease:OperationTimeout must be positive.");
        }

        return problems;
    }

    /// <summary>The body of a lease config block, e.g. for <c>hascheduler.mongo-lease { ... }</c>.</summary>
    public string ToHocon() => $"""
        lease-class = "{typeof(MongoLease).FullName}, {typeof(MongoLease).Assembly.GetName().Name}"
        heartbeat-timeout = {Ms(Duration)}
        heartbeat-interval = {Ms(RenewInterval)}
        lease-operation-timeout = {Ms(OperationTimeout)}
        safety-margin = {Ms(EffectiveSafetyMargin)}
        """;

    private static string Ms(TimeSpan value) =>
        ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
