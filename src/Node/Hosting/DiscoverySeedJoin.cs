using Akka.Actor;
using Akka.Discovery;
using Akka.Event;

namespace HaScheduler.Node.Hosting;

/// <summary>
/// Forms or joins the cluster from Akka.Discovery results (config on a laptop, kubernetes-api in a cluster).
/// Waits until discovery returns at least <see cref="ClusterNodeOptions.RequiredContactPoints"/> nodes, then
/// joins them as seed nodes in one order every node agrees on (sorted by host and port). Akka's seed-node
/// protocol does the rest: the first seed forms a new cluster only if none of the others answers, and any
/// node restarting later joins whichever seed is up. The set must also stay the same for
/// <see cref="StableMargin"/>: two nodes that saw different sets at start-up could each be "first" in their own
/// list and form two clusters.
/// </summary>
/// <remarks>
/// Akka.Management cluster bootstrap would do this over its HTTP endpoint, but the only Ceen.Httpd our package
/// source serves (0.9.10) lacks the method Akka.Http.Shim 1.5.73 calls, so that endpoint cannot start here.
/// </remarks>
internal static class DiscoverySeedJoin
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StableMargin = TimeSpan.FromSeconds(1.5);

    public static void Start(ActorSystem system, ClusterNodeOptions options, string method)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var discovery = Discovery.Get(system).LoadServiceDiscovery(method);
        var lookup = new Lookup(options.ServiceName, "remoting", "tcp");
        var log = system.Log;
        _ = Task.Run(async () =>
        {
            List<Address> previous = [];
            var stableSince = DateTime.UtcNow;
            while (!system.WhenTerminated.IsCompleted)
            {
                try
                {
                    var resolved = await discovery.Lookup(lookup, ResolveTimeout);
                    var seeds = resolved.Addresses
                        .Select(t => new Address("akka.tcp", system.Name, t.Host, t.Port ?? options.Port))
                        .Distinct()
                        .OrderBy(a => a.Host, StringComparer.Ordinal)
                        .ThenBy(a => a.Port)
                        .ToList();
                    if (!seeds.SequenceEqual(previous))
                    {
                        previous = seeds;
                        stableSince = DateTime.UtcNow;
                    }

                    var stable = DateTime.UtcNow - stableSince >= StableMargin;
                    if (stable && seeds.Count >= options.RequiredContactPoints && seeds.Contains(cluster.SelfAddress))
                    {
                        log.Info("Discovery ({0}) found {1}; joining them as seed nodes", method, string.Join(", ", seeds));
                        cluster.JoinSeedNodes(seeds);
                        return;
                    }

                    log.Info("Discovery ({0}) found {1} of {2} required contact points (self {3} included: {4})",
                        method, seeds.Count, options.RequiredContactPoints, cluster.SelfAddress,
                        seeds.Contains(cluster.SelfAddress));
                }
                catch (Exception e)
                {
                    log.Warning(e, "Discovery ({0}) failed; retrying", method);
                }

                await Task.Delay(RetryInterval);
            }
        });
    }
}
