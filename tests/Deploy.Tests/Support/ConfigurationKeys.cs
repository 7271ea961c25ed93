namespace HaScheduler.Deploy.Tests.Support;

/// <summary>
/// The one list of configuration keys the node binds (sections in src/Node: MongoOptions, the cluster
/// options, LeaseOptions, SchedulingOptions, ScheduleApiOptions). An environment variable can only set
/// one of these; anything else would be silently ignored by the options binder. The cluster keys are
/// checked against src/Node/Hosting/ClusterNodeOptions.cs (there is no ManagementPort any more).
/// </summary>
public static class ConfigurationKeys
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "HaScheduler:Mongo:ConnectionString",
        "HaScheduler:Mongo:Database",
        "HaScheduler:Cluster:Hostname",
        "HaScheduler:Cluster:PublicHostname",
        "HaScheduler:Cluster:Port",
        "HaScheduler:Cluster:Discovery",
        "HaScheduler:Cluster:SeedNodes",
        "HaScheduler:Cluster:ConfigEndpoints",
        "HaScheduler:Cluster:RequiredContactPoints",
        "HaScheduler:Cluster:ServiceName",
        "HaScheduler:Cluster:PodLabelSelector",
        "HaScheduler:Cluster:PodNamespace",
        "HaScheduler:Cluster:StableAfter",
        "HaScheduler:Cluster:AcceptableHeartbeatPause",
        "HaScheduler:Cluster:HeartbeatInterval",
        "HaScheduler:Cluster:JoinTimeout",
        "HaScheduler:Lease:Duration",
        "HaScheduler:Lease:RenewInterval",
        "HaScheduler:Lease:RetryInterval",
        "HaScheduler:Lease:OperationTimeout",
        "HaScheduler:Lease:SafetyMargin",
        "HaScheduler:Scheduling:MinimumInterval",
        "HaScheduler:Scheduling:RunRetention",
        "HaScheduler:Scheduling:CatchUpLimit",
        "HaScheduler:Scheduling:MisfireThreshold",
        "HaScheduler:Api:MaxRequestBodyBytes",
        "HaScheduler:Api:AskTimeout",
        "HaScheduler:Api:DefaultPageSize",
        "HaScheduler:Api:MaxPageSize",
        "HaScheduler:Api:RetryAfter",
    };

    /// <summary>Values accepted by <c>HaScheduler:Cluster:Discovery</c>.</summary>
    public static readonly IReadOnlySet<string> DiscoveryModes =
        new HashSet<string>(StringComparer.Ordinal) { "Seeds", "Config", "KubernetesApi" };

    /// <summary>Host settings read by ASP.NET Core or the runtime rather than by our options.</summary>
    public static readonly IReadOnlySet<string> HostVariables =
        new HashSet<string>(StringComparer.Ordinal) { "ASPNETCORE_URLS" };

    /// <summary>The configuration key an environment variable sets (<c>__</c> separates sections).</summary>
    public static string FromEnvironmentVariable(string name) =>
        name.Replace("__", ":", StringComparison.Ordinal);
}
