using System.Net;
using System.Net.Sockets;
using HaScheduler.Node.Storage;
using MongoDB.Bson;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace HaScheduler.Node.Hosting;

/// <summary>
/// Checks made before anything starts, so that a misconfigured node fails in seconds with one line saying why
/// and a distinct exit code, instead of a stack trace or a node that waits forever: the remoting and HTTP ports
/// are free, seed addresses parse, MongoDB answers a ping. docs/FAILOVER.md lists the exit codes.
/// </summary>
public static class StartupChecks
{
    public const int InvalidConfiguration = 2;
    public const int MongoUnreachable = 3;
    public const int PortInUse = 4;
    public const int BadSeeds = 5;

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Configuration that cannot be bound or parsed, as opposed to a failure at run time.</summary>
    public static bool IsConfigurationError(Exception e) =>
        e is MongoDB.Driver.MongoConfigurationException
        || (e is InvalidOperationException
            && e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        || e is OptionsValidationException;

    /// <summary>Exits the process with one line on standard error when a check fails.</summary>
    public static void FailFast(WebApplicationBuilder builder, ClusterNodeOptions cluster)
    {
        var failure = PortProblem(builder, cluster) ?? SeedProblem(cluster) ?? MongoProblem(builder);
        if (failure is { } problem)
        {
            var (code, message) = problem;
            Console.Error.WriteLine($"HaScheduler node cannot start: {message}");
            Environment.Exit(code);
        }
    }

    private static (int, string)? PortProblem(WebApplicationBuilder builder, ClusterNodeOptions cluster)
    {
        if (cluster.Port != 0 && !IsFree(cluster.Hostname, cluster.Port))
        {
            return (PortInUse, $"remoting port {cluster.Hostname}:{cluster.Port} is already in use "
                               + "(HaScheduler:Cluster:Port).");
        }

        // Only URLs given explicitly are checked; an in-memory test server has none.
        var urls = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"];
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Uri.TryCreate(url.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var uri)
                && uri.Port != 0 && !IsFree(uri.Host, uri.Port))
            {
                return (PortInUse, $"HTTP address {url} is already in use (ASPNETCORE_URLS).");
            }
        }

        return null;
    }

    private static (int, string)? SeedProblem(ClusterNodeOptions cluster)
    {
        var bad = cluster.Discovery switch
        {
            DiscoveryMode.Seeds => cluster.SeedNodes.FirstOrDefault(s => !IsAkkaAddress(s)),
            DiscoveryMode.Config => cluster.ConfigEndpoints.Count == 0
                ? "(none)"
                : cluster.ConfigEndpoints.FirstOrDefault(e => !IsEndpoint(e)),
            _ => null,
        };
        return bad is null
            ? null
            : (BadSeeds, $"cluster contact point '{bad}' is not valid for discovery {cluster.Discovery} "
                         + "(seed nodes: akka.tcp://hascheduler@host:port; config endpoints: host:port).");
    }

    private static (int, string)? MongoProblem(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MongoOptions.Section).Get<MongoOptions>() ?? new MongoOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return null;
        }

        try
        {
            var settings = MongoClientFactory.Settings(options.ConnectionString, "hascheduler-startup-check");
            settings.ServerSelectionTimeout = PingTimeout;
            settings.ConnectTimeout = PingTimeout;
            using var client = new MongoClient(settings);
            client.GetDatabase(options.Database).RunCommand<BsonDocument>(
                new BsonDocument("ping", 1), cancellationToken: new CancellationTokenSource(PingTimeout * 2).Token);
            return null;
        }
        catch (Exception e) when (e is MongoException or TimeoutException or OperationCanceledException
                                      or ArgumentException or FormatException)
        {
            return (MongoUnreachable, $"MongoDB at {Redacted(options.ConnectionString)} did not answer a ping "
                                      + $"within {PingTimeout.TotalSeconds:F0} s ({e.GetType().Name}).");
        }
    }

    private static bool IsFree(string host, int port)
    {
        var address = host is "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Any;
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not ours to judge (e.g. an address of another interface): remoting or Kestrel will say.
            return true;
        }
    }

    private static bool IsAkkaAddress(string seed)
    {
        try
        {
            var address = Akka.Actor.Address.Parse(seed);
            return address.Host is not null && address.Port is > 0;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    private static bool IsEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint[(colon + 1)..], out var port) && port is > 0 and < 65536;
    }

    private static string Redacted(string connectionString)
    {
        try
        {
            var url = new MongoUrl(connectionString);
            return url.Password is null ? connectionString : connectionString.Replace(url.Password, "***");
        }
        catch (MongoConfigurationException)
        {
            return "(unparseable connection string)";
        }
    }

    /// <summary>
    /// Says in one line why the node is going away when it could not join any seed node within
    /// <see cref="ClusterNodeOptions.JoinTimeout"/> (Akka then shuts the node down), and exits with
    /// <see cref="BadSeeds"/> rather than 0.
    /// </summary>
    public static void ReportJoinFailure(Akka.Actor.ActorSystem system, ClusterNodeOptions cluster)
    {
        var shutdown = Akka.Actor.CoordinatedShutdown.Get(system);
        shutdown.AddTask(Akka.Actor.CoordinatedShutdown.PhaseBeforeServiceUnbind, "report-join-failure", () =>
        {
            if (shutdown.ShutdownReason is Akka.Actor.CoordinatedShutdown.ClusterJoinUnsuccessfulReason)
            {
                Console.Error.WriteLine(
                    $"HaScheduler node cannot start: could not join the cluster within {cluster.JoinTimeout} "
                    + $"(seed nodes: {string.Join(", ", cluster.SeedNodes)}; endpoints: "
                    + $"{string.Join(", ", cluster.ConfigEndpoints)}); shutting down.");
                Environment.ExitCode = BadSeeds;
            }

            return Task.FromResult(Akka.Done.Instance);
        });
    }
}
