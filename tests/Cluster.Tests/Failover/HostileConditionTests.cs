using System.Net.Sockets;
using System.Net;
using HaScheduler.Cluster.Tests.Harness;
using HaScheduler.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit.Abstractions;
using Xunit;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>
/// Misconfigured nodes fail fast (one line, non-zero exit); a hand-edited lease does not wedge the scheduler.
/// </summary>
public sealed class HostileConditionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan TamperBound = TimeSpan.FromSeconds(10);
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(nodeCount: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Node_should_exit_with_one_line_when_mongodb_does_not_answer()
    {
        var env = NodeEnvironment(FreePorts.Next(), FreePorts.Next());
        env["HaScheduler__Mongo__ConnectionString"] = $"mongodb://127.0.0.1:{FreePorts.Next()}/?directConnection=true";

        var (exitCode, lines) = await RunToExitAsync(env);

        Assert.Equal(3, exitCode);
        Assert.Single(lines, l => l.StartsWith("HaScheduler node cannot start: MongoDB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Node_should_exit_with_one_line_when_its_remoting_port_is_in_use()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var env = NodeEnvironment(FreePorts.Next(), ((IPEndPoint)squatter.LocalEndpoint).Port);

        var (exitCode, lines) = await RunToExitAsync(env);

        Assert.Equal(4, exitCode);
        Assert.Single(lines, l => l.Contains("remoting port", StringComparison.Ordinal) && l.Contains("in use"));
    }

    [Fact]
    public async Task Node_should_exit_with_one_line_when_its_http_port_is_in_use()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var env = NodeEnvironment(((IPEndPoint)squatter.LocalEndpoint).Port, FreePorts.Next());

        var (exitCode, lines) = await RunToExitAsync(env);

        Assert.Equal(4, exitCode);
        Assert.Single(lines, l => l.Contains("HTTP address", StringComparison.Ordinal) && l.Contains("in use"));
    }

    [Fact]
    public async Task Node_should_exit_with_one_line_when_no_seed_node_answers()
    {
        var env = NodeEnvironment(FreePorts.Next(), FreePorts.Next());
        env["HaScheduler__Cluster__SeedNodes__0"] = $"akka.tcp://hascheduler@127.0.0.1:{FreePorts.Next()}";
        env["HaScheduler__Cluster__JoinTimeout"] = "00:00:05";

        var (exitCode, lines) = await RunToExitAsync(env);

        Assert.Equal(5, exitCode);
        Assert.Single(lines, l => l.Contains("could not join the cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Node_should_exit_with_one_line_when_a_seed_address_is_malformed()
    {
        var env = NodeEnvironment(FreePorts.Next(), FreePorts.Next());
        env["HaScheduler__Cluster__SeedNodes__0"] = "hascheduler@127.0.0.1";

        var (exitCode, lines) = await RunToExitAsync(env);

        Assert.Equal(5, exitCode);
        Assert.Single(lines, l => l.Contains("is not valid for discovery", StringComparison.Ordinal));
    }

    /// <summary>
    /// Bound: the holder's next renewal (at most the renew interval) finds another holder and loses the lease;
    /// the next acquire (lease retry interval) finds an expiry further than one duration away, which no holder
    /// renewing with this configuration can have written, and takes the lease with epoch + 1.
    /// </summary>
    [Fact]
    public async Task Scheduler_should_take_the_lease_back_within_seconds_when_it_is_edited_to_a_far_future_expiry()
    {
        var node = _cluster.Nodes[0];
        var workload = new ScheduleWorkload();
        await workload.CreateAsync(node.Http, ScheduleKind.Every200Ms, "tamper");
        var fired = new FiredLog(_cluster.Nodes);
        await Eventually.WaitAsync(() => Task.FromResult(fired.Snapshot().Count > 0), TamperBound, "a first fire");
        var leases = _cluster.Database.GetCollection<BsonDocument>("leases");
        var lease = await leases.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();

        var tamperedAt = System.Diagnostics.Stopwatch.StartNew();
        await leases.ReplaceOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", lease["_id"]),
            new BsonDocument
            {
                { "_id", lease["_id"] }, { "holder", "intruder" }, { "epoch", 41L },
                { "junk", new BsonArray { 1, "x" } },
                { "expires_at", new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            });
        await Eventually.WaitAsync(
            () => Task.FromResult(fired.Snapshot().Any(f => f.Epoch == 42)), TamperBound, "a fire at epoch 42");
        output.WriteLine($"tampered lease -> fire at epoch 42 after {tamperedAt.ElapsedMilliseconds} ms");

        var runs = await LedgerRun.ReadAllAsync(_cluster.Database);
        LedgerInvariants.AssertNoOccurrenceExecutedTwice(fired.Snapshot());
        LedgerInvariants.AssertClaimsAfterTakeoverCarryTheNewEpoch(runs);
        Assert.True(tamperedAt.Elapsed < TamperBound);
    }

    private Dictionary<string, string> NodeEnvironment(int httpPort, int remotePort) => new()
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
        ["HaScheduler__Mongo__ConnectionString"] = _cluster.MongoUri,
        ["HaScheduler__Mongo__Database"] = _cluster.DatabaseName,
        ["HaScheduler__Cluster__Hostname"] = "127.0.0.1",
        ["HaScheduler__Cluster__Port"] = remotePort.ToString(),
        ["HaScheduler__Cluster__Discovery"] = "Seeds",
    };

    private static async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunToExitAsync(
        Dictionary<string, string> env)
    {
        await using var process = ChildProcess.Start(LocalCluster.NodeDll, [], env);
        var exitCode = await process.WaitForExitAsync(ExitDeadline);
        return (exitCode, process.Lines.ToArray());
    }
}
