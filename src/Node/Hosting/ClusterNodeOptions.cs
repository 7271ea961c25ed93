namespace HaScheduler.Node.Hosting;

/// <summary>How this node finds the others.</summary>
public enum DiscoveryMode
{
    /// <summary>
    /// Join the configured <see cref="ClusterNodeOptions.SeedNodes"/>, or itself when there are none.
    /// </summary>
    Seeds,

    /// <summary>Akka.Discovery <c>config</c>: a fixed list of every node's remoting endpoint (laptop).</summary>
    Config,

    /// <summary>
    /// Akka.Discovery <c>kubernetes-api</c>: pods selected by label, their port named <c>remoting</c>.
    /// </summary>
    KubernetesApi,
}

/// <summary>Bound from configuration section <c>HaScheduler:Cluster</c>.</summary>
public sealed class ClusterNodeOptions
{
    public const string Section = "HaScheduler:Cluster";

    public const string ActorSystemName = "hascheduler";

    /// <summary>Address remoting binds to.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Address other nodes use to reach this one (defaults to <see cref="Hostname"/>).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>Remoting port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 4053;

    public DiscoveryMode Discovery { get; set; } = DiscoveryMode.Seeds;

    /// <summary>
    /// Seed node addresses (<c>akka.tcp://hascheduler@host:port</c>) for <see cref="DiscoveryMode.Seeds"/>.
    /// </summary>
    public List<string> SeedNodes { get; set; } = [];

    /// <summary>Remoting endpoints (<c>host:port</c>) of every node, for <see cref="DiscoveryMode.Config"/>.</summary>
    public List<string> ConfigEndpoints { get; set; } = [];

    /// <summary>Nodes discovery must find (this one included) before joining, so no node forms an island.</summary>
    public int RequiredContactPoints { get; set; } = 2;

    /// <summary>Service name used by discovery (the pod label value on Kubernetes).</summary>
    public string ServiceName { get; set; } = "hascheduler";

    /// <summary>Kubernetes label selector; <c>{0}</c> is replaced by <see cref="ServiceName"/>.</summary>
    public string PodLabelSelector { get; set; } = "app={0}";

    /// <summary>Kubernetes namespace to look for pods in (default: the pod's own).</summary>
    public string? PodNamespace { get; set; }

    /// <summary>
    /// Split brain resolver: how long the set of unreachable nodes must stay unchanged before it decides
    /// (default 1.2 s; Akka's 20 s suits large clusters). See docs/FAILOVER.md.
    /// </summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromSeconds(1.2);

    /// <summary>
    /// Failure detector: heartbeat silence tolerated before a node is marked unreachable (default 1.2 s;
    /// Akka's is 10 s). A longer GC pause marks a healthy node unreachable: a failover, never a double fire.
    /// </summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(1.2);

    /// <summary>Failure detector: how often each node heartbeats its monitors (default 300 ms).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// A node that has not joined any seed node after this long shuts down with one line saying so and a
    /// non-zero exit code (a wrong seed list must not wait forever). Default 60 s.
    /// </summary>
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public string EffectivePublicHostname => string.IsNullOrWhiteSpace(PublicHostname) ? Hostname : PublicHostname;
}
