using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Discovery;
using Akka.Event;

namespace HaScheduler.Node.Hosting;

/// <summary>
/// Forms or joins the cluster from Akka.Discovery results (config on a laptop, kubernetes-api in a cluster).
/// Waits until discovery returns at least <see cref="ClusterNodeOptions.RequiredContactPoints"/> nodes, then
/// joins them as seed nodes in one order every node agrees on (sorted by host and port). Akka's seed-node
/// protocol does the rest: the first seed forms a new cluster only if none of the others answers, and any
/// node restarting later joins whichever seed is up. Only endpoints that accept a TCP connection count, and the set
/// must stay the same for <see cref="StableMargin"/>: two nodes that saw different sets at start-up could each be
/// "first" in their own list and form two clusters.
/// </summary>
/// <remarks>
/// Akka.Management cluster bootstrap would do this over its HTTP endpoint, but the only Ceen.Httpd our package
/// source serves (0.9.10) lacks the method Akka.Http.Shim 1.5.73 calls, so that endpoint cannot start here.
/// </remarks>
internal static class DiscoverySeedJoin
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StableMargin = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan JoinAttempt = TimeSpan.FromSeconds(10);

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
            var joinedAt = DateTime.MinValue;
            while (!system.WhenTerminated.IsCompleted && cluster.SelfMember.Status == MemberStatus.Removed)
            {
                try
                {
                    var seeds = await LiveContactPointsAsync(system, discovery, lookup, options, cluster.SelfAddress);
                    if (!seeds.SequenceEqual(previous))
                    {
                        previous = seeds;
                        stableSince = DateTime.UtcNow;
                    }

                    var stable = DateTime.UtcNow - stableSince >= StableMargin;
                    var attemptOver = DateTime.UtcNow - joinedAt >= JoinAttempt;
                    if (stable && attemptOver && seeds.Count >= options.RequiredContactPoints)
                    {
                        // Joining again with a fresh list replaces Akka's running seed-node process, so a first
                        // seed that died before the cluster formed does not block the others forever.
                        log.Info(
                            "Discovery ({0}) found {1}; joining them as seed nodes", method, string.Join(", ", seeds));
                        cluster.JoinSeedNodes(seeds);
                        joinedAt = DateTime.UtcNow;
                    }
                    else if (joinedAt == DateTime.MinValue)
                    {
                        log.Info("Discovery ({0}) found {1} live of {2} required contact points", method, seeds.Count,
                            options.RequiredContactPoints);
                    }
                }
                catch (Exception e)
                {
                    log.Warning(e, "Discovery ({0}) failed; retrying", method);
                }

                await Task.Delay(RetryInterval);
            }
        });
    }

    /// <summary>
    /// Discovered endpoints that accept a TCP connection, plus this node, in one order every node agrees on.
    /// A configured endpoint whose node is not running must not become the first seed: only the first seed may
    /// form a new cluster, so the others would wait for it forever.
    /// </summary>
    private static async Task<List<Address>> LiveContactPointsAsync(
        ActorSystem system, ServiceDiscovery discovery, Lookup lookup, ClusterNodeOptions options, Address self)
    {
        var resolved = await discovery.Lookup(lookup, ResolveTimeout);
        var candidates = resolved.Addresses
            .Select(t => new Address("akka.tcp", system.Name, t.Host, t.Port ?? options.Port))
            .Where(a => a != self)
            .Distinct()
            .ToList();
        var live = await Task.WhenAll(candidates.Select(async a => (Address: a, Up: await AcceptsAsync(a))));
        return live.Where(x => x.Up).Select(x => x.Address).Append(self)
            .OrderBy(a => a.Host, StringComparer.Ordinal)
            .ThenBy(a => a.Port)
            .ToList();
    }

    private static async Task<bool> AcceptsAsync(Address address)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await client.ConnectAsync(address.Host!, address.Port!.Value, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
