using System.Diagnostics;
using System.Text.Json;
using HaScheduler.Cluster.Tests.Harness;
using HaScheduler.Testing;
using Xunit.Abstractions;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>
/// A three-node <see cref="LocalCluster"/> running the failover workload, with the waits every scenario needs.
/// Every wait has a deadline; disposing stops every process, whatever state the scenario left them in.
/// </summary>
internal sealed class FailoverCluster : IAsyncDisposable
{
    /// <summary>Bound asserted by the scenarios for a crash (the benchmark measures against 5 s / 8 s).</summary>
    public static readonly TimeSpan KillFailoverBound = TimeSpan.FromSeconds(10);

    /// <summary>Bound asserted for a graceful stop (the benchmark measures against 1.5 s).</summary>
    public static readonly TimeSpan TermFailoverBound = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ITestOutputHelper _output;
    private readonly FiredLog _fired;

    private FailoverCluster(LocalCluster cluster, ITestOutputHelper output)
    {
        Cluster = cluster;
        _output = output;
        _fired = new FiredLog(cluster.Nodes);
    }

    public LocalCluster Cluster { get; }

    public ScheduleWorkload Workload { get; } = new();

    public IReadOnlyList<NodeHandle> Nodes => Cluster.Nodes;

    public static async Task<FailoverCluster> StartAsync(
        ITestOutputHelper output, LocalClusterSettings? settings = null)
    {
        var cluster = await LocalCluster.StartAsync(3, settings ?? new LocalClusterSettings());
        var failover = new FailoverCluster(cluster, output);
        try
        {
            await failover.LeaderAsync();
            return failover;
        }
        catch
        {
            await failover.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node running the scheduler and its lease epoch, as a running node reports it.</summary>
    public async Task<(NodeHandle Node, long Epoch)> LeaderAsync()
    {
        var scheduler = await Eventually.WaitAsync(
            async () =>
            {
                var status = await Nodes.First(n => n.IsRunning).StatusAsync();
                return status.TryGetProperty("scheduler", out var s) && s.ValueKind == JsonValueKind.Object
                    ? (s.GetProperty("node").GetString(), s.GetProperty("epoch").GetInt64())
                    : default((string?, long)?);
            },
            s => s is not null, Deadline, "a running scheduler");
        var (name, epoch) = scheduler!.Value;
        return (Nodes.Single(n => n.Name == name), epoch);
    }

    /// <summary>Creates the 30 schedules through <paramref name="via"/> and waits until each has fired.</summary>
    public async Task WarmUpAsync(NodeHandle via)
    {
        await Workload.CreateMixAsync(via.Http);
        await Eventually.WaitAsync(
            async () =>
            {
                var runs = await LedgerRun.ReadAllAsync(Cluster.Database);
                var fired = runs.Where(r => r.Status == "fired").Select(r => r.ScheduleId).ToHashSet();
                return Workload.Schedules.All(s => fired.Contains(s.Id));
            },
            Deadline, "every schedule to fire once");
    }

    public IReadOnlyList<FiredLine> Fired() => _fired.Snapshot();

    /// <summary>Waits for an execution matching <paramref name="match"/>; returns it and the time it took.</summary>
    public async Task<(FiredLine Line, TimeSpan Elapsed)> AwaitFireAsync(
        Func<FiredLine, bool> match, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        var line = await Eventually.WaitAsync(
            () => Task.FromResult(Fired().FirstOrDefault(match)), l => l is not null, timeout, what);
        return (line!, watch.Elapsed);
    }

    /// <summary>
    /// Waits until executions at <paramref name="minimumEpoch"/> or later reach past
    /// <paramref name="instant"/> + the checker's trailing edge, so that the checked window covers the fault.
    /// </summary>
    public Task AwaitFiresPastAsync(DateTimeOffset instant, long minimumEpoch)
    {
        var target = instant + LedgerInvariants.TrailingEdge + TimeSpan.FromSeconds(1);
        return Eventually.WaitAsync(
            () => Task.FromResult(Fired().Any(f => f.Epoch >= minimumEpoch && f.Occurrence >= target)),
            Deadline, $"executions at epoch >= {minimumEpoch} past {target:O}");
    }

    /// <summary>Every node sees <paramref name="count"/> members up.</summary>
    public Task AwaitMembersUpAsync(NodeHandle via, int count) => Eventually.WaitAsync(
        async () =>
        {
            var status = await via.StatusAsync();
            return status.GetProperty("members").EnumerateArray()
                .Count(m => m.GetProperty("status").GetString() == "up") == count;
        },
        Deadline, $"{count} members up according to node {via.Index}");

    /// <summary>Reads the ledger and every action log, checks <see cref="LedgerInvariants"/>, logs a report.</summary>
    public async Task<LedgerReport> CheckInvariantsAsync()
    {
        var snapshotAt = DateTimeOffset.UtcNow;
        var fired = Fired();
        var runs = await LedgerRun.ReadAllAsync(Cluster.Database);
        var report = LedgerInvariants.Check(Workload, runs, fired, snapshotAt);
        _output.WriteLine(report.ToString());
        return report;
    }

    public void LogFailover(string signal, FiredLine first, TimeSpan elapsed) =>
        Log($"{signal} -> first fire by {first.Node} at epoch {first.Epoch}: {elapsed.TotalMilliseconds:F0} ms");

    public void Log(string message) => _output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {message}");

    public async ValueTask DisposeAsync()
    {
        // HASCHEDULER_TEST_LOGS=<dir> keeps every node's output for a post-mortem.
        var logs = Environment.GetEnvironmentVariable("HASCHEDULER_TEST_LOGS");
        if (!string.IsNullOrWhiteSpace(logs))
        {
            Directory.CreateDirectory(logs);
            foreach (var node in Nodes)
            {
                await File.WriteAllLinesAsync(
                    Path.Combine(logs, $"{Cluster.DatabaseName}-node{node.Index}.log"), node.AllLines);
            }
        }

        await Cluster.DisposeAsync();
    }
}
