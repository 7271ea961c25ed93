using Akka.Cluster.Hosting;
using Akka.Discovery.Config.Hosting;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Remote.Hosting;
using HaScheduler.Node.Api;
using HaScheduler.Node.ClusterAdmin;
using HaScheduler.Node.Scheduling;
using HaScheduler.Node.Storage;
using Microsoft.Extensions.Options;

namespace HaScheduler.Node.Hosting;

/// <summary>The actor system: remoting, cluster, discovery, the fenced scheduler singleton, the HTTP actor.</summary>
public static class AkkaSetup
{
    public static WebApplicationBuilder AddAkkaCluster(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterNodeOptions.Section).Get<ClusterNodeOptions>()
                      ?? new ClusterNodeOptions();
        StartupChecks.FailFast(builder, cluster);
        var lease = builder.Configuration.GetSection(LeaseOptions.Section).Get<LeaseOptions>() ?? new LeaseOptions();
        var leaseProblems = lease.Validate();
        if (leaseProblems.Count > 0)
        {
            throw new OptionsValidationException(LeaseOptions.Section, typeof(LeaseOptions), leaseProblems);
        }

        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton(lease);

        builder.Services.AddAkka(ClusterNodeOptions.ActorSystemName, (akka, sp) =>
        {
            akka.ConfigureLoggers(logging =>
                {
                    logging.ClearLoggers();
                    logging.AddLoggerFactory();
                })
                .AddHocon(Tuning(cluster), HoconAddMode.Prepend)
                .WithCustomSerializer("hascheduler", MessageSerializer.Types, system => new MessageSerializer(system))
                .WithRemoting(new RemoteOptions
                {
                    HostName = cluster.Hostname,
                    PublicHostName = cluster.EffectivePublicHostname,
                    Port = cluster.Port,
                })
                .WithClustering(new ClusterOptions
                {
                    SeedNodes = cluster.Discovery == DiscoveryMode.Seeds ? cluster.SeedNodes.ToArray() : [],
                    // SBR: keep-majority; the MongoDB lease fences the singleton whatever SBR decides, so a
                    // false "down" under a GC pause costs a failover, never a double fire.
                    SplitBrainResolver = new Akka.Cluster.Hosting.SBR.KeepMajorityOption(),
                })
                .AddStartup((system, _) => StartupChecks.ReportJoinFailure(system, cluster))
                .WithDiscovery(cluster)
                .WithScheduler(lease)
                .WithScheduleApi()
                .WithActors((system, _, resolver) =>
                    system.ActorOf(resolver.Props<MemberUpWatcher>(), "member-up-watcher"));
        });
        return builder;
    }

    private static AkkaConfigurationBuilder WithDiscovery(
        this AkkaConfigurationBuilder akka, ClusterNodeOptions cluster)
    {
        switch (cluster.Discovery)
        {
            case DiscoveryMode.Seeds:
                return cluster.SeedNodes.Count == 0 ? akka.AddStartup(SelfJoin) : akka;
            case DiscoveryMode.Config:
                return akka
                    .WithConfigDiscovery(options =>
                    {
                        options.Services.Add(new Service
                        {
                            Name = cluster.ServiceName,
                            Endpoints = cluster.ConfigEndpoints.ToArray(),
                        });
                    })
                    .AddStartup((system, _) => DiscoverySeedJoin.Start(system, cluster, "config"));
            case DiscoveryMode.KubernetesApi:
                return akka
                    .WithKubernetesDiscovery(options =>
                    {
                        options.PodLabelSelector = cluster.PodLabelSelector;
                        if (!string.IsNullOrWhiteSpace(cluster.PodNamespace))
                        {
                            options.PodNamespace = cluster.PodNamespace;
                        }
                    })
                    .AddStartup((system, _) => DiscoverySeedJoin.Start(system, cluster, "kubernetes-api"));
            default:
                throw new ArgumentOutOfRangeException(nameof(cluster), cluster.Discovery, "unknown discovery mode");
        }
    }

    private static AkkaConfigurationBuilder WithScheduler(this AkkaConfigurationBuilder akka, LeaseOptions lease)
    {
        // The singleton options only point at the lease's config path; the lease's own HOCON is applied here.
        var leaseOption = new MongoLeaseOption(lease);
        leaseOption.Apply(akka);
        var singleton = new ClusterSingletonOptions
        {
            LeaseImplementation = leaseOption,
            LeaseRetryInterval = lease.RetryInterval,

            // The proxy's "failed to find the singleton after 30 seconds" warning is logged right at start-up and
            // after every hand-over (observed with Akka 1.5.75), which misleads operators; GET /cluster/status
            // shows whether a scheduler runs.
            LogSingletonIdentificationFailure = false,
        };
        return akka
            .WithSingleton<SchedulerActor>(
                SchedulerActor.SingletonName,
                (_, _, resolver) => resolver.Props<SchedulerActor>(),
                singleton,
                createProxyToo: true);
    }

    private static void SelfJoin(Akka.Actor.ActorSystem system, IActorRegistry registry)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
    }

    /// <summary>
    /// Failure detection, downing and hand-over tuned for failover in seconds (Akka's defaults take ~45 s);
    /// the reasoning and the measured numbers are in docs/FAILOVER.md. A crashed node is unreachable after
    /// ~2 s of silence and downed <c>stable-after</c> later; the singleton then starts on the next oldest node
    /// as soon as the MongoDB lease lets it. A false "unreachable" under a GC pause costs a failover, never a
    /// double fire: the lease and the epoch fence the scheduler, which is also why the removal margin (the
    /// time Akka otherwise leaves a downed singleton to stop by itself) can be almost zero.
    /// </summary>
    private static string Tuning(ClusterNodeOptions cluster) =>
        $$"""
        akka.cluster {
          failure-detector.heartbeat-interval = {{Ms(cluster.HeartbeatInterval)}}
          failure-detector.acceptable-heartbeat-pause = {{Ms(cluster.AcceptableHeartbeatPause)}}
          split-brain-resolver.stable-after = {{Ms(cluster.StableAfter)}}
          # 0s would mean "same as stable-after" for the SBR provider: ask for (almost) none explicitly.
          down-removal-margin = 100ms
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 250ms
          singleton.hand-over-retry-interval = 200ms
          singleton-proxy.singleton-identification-interval = 500ms
          run-coordinated-shutdown-when-down = on
          seed-node-timeout = 2s
          shutdown-after-unsuccessful-join-seed-nodes = {{Ms(cluster.JoinTimeout)}}
        }
        akka.coordinated-shutdown.exit-clr = off
        akka.remote.dot-netty.tcp.maximum-frame-size = 4MiB
        """;

    private static string Ms(TimeSpan value) =>
        ((long)value.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms";
}
