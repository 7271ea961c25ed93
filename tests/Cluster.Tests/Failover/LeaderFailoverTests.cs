using HaScheduler.Cluster.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>
/// The leader (the node hosting the scheduler singleton) crashes, stops gracefully, or freezes, while 30
/// schedules fire. Each test owns a fresh three-node cluster; the ledger and every node's action log are checked
/// with <see cref="LedgerInvariants"/> at the end.
/// </summary>
public sealed class LeaderFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private FailoverCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FailoverCluster.StartAsync(output);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Scheduler_should_move_within_the_failover_target_when_the_leader_is_killed()
    {
        var (leader, epoch) = await _cluster.LeaderAsync();
        await _cluster.WarmUpAsync(_cluster.Nodes.First(n => n != leader));

        leader.Process!.Signal("KILL");
        var (first, elapsed) = await _cluster.AwaitFireAsync(
            f => f.Epoch > epoch && f.Node != leader.Name, FailoverCluster.KillFailoverBound,
            "a fire by a new leader after SIGKILL");
        _cluster.LogFailover("SIGKILL", first, elapsed);
        await leader.Process.WaitForExitAsync(Deadline);
        await _cluster.Cluster.RestartNodeAsync(leader);
        await _cluster.AwaitMembersUpAsync(leader, 3);
        await _cluster.AwaitFiresPastAsync(DateTimeOffset.UtcNow, first.Epoch);

        Assert.True(elapsed < FailoverCluster.KillFailoverBound);
        var (after, _) = await _cluster.LeaderAsync();
        Assert.NotEqual(leader.Name, after.Name);
        await _cluster.CheckInvariantsAsync();
    }

    [Fact]
    public async Task Scheduler_should_be_handed_over_and_the_lease_released_when_the_leader_is_terminated()
    {
        var (leader, epoch) = await _cluster.LeaderAsync();
        await _cluster.WarmUpAsync(_cluster.Nodes.First(n => n != leader));

        leader.Process!.Signal("TERM");
        var (first, elapsed) = await _cluster.AwaitFireAsync(
            f => f.Epoch > epoch && f.Node != leader.Name, FailoverCluster.TermFailoverBound,
            "a fire by a new leader after SIGTERM");
        _cluster.LogFailover("SIGTERM", first, elapsed);
        var exitCode = await leader.Process.WaitForExitAsync(Deadline);
        await _cluster.AwaitFiresPastAsync(DateTimeOffset.UtcNow, first.Epoch);

        Assert.Equal(0, exitCode);
        Assert.Contains(leader.AllLines, l => l.Contains($"released by hascheduler@{leader.Name} (epoch {epoch})"));
        Assert.True(elapsed < FailoverCluster.TermFailoverBound);
        await _cluster.CheckInvariantsAsync();
    }

    [Fact]
    public async Task Paused_leader_should_claim_nothing_more_when_it_resumes_after_a_takeover()
    {
        var (leader, epoch) = await _cluster.LeaderAsync();
        var survivor = _cluster.Nodes.First(n => n != leader);
        await _cluster.WarmUpAsync(survivor);

        // The fault lasts until a successor has taken over and fired: longer than the lease by construction.
        leader.Process!.Signal("STOP");
        var (first, elapsed) = await _cluster.AwaitFireAsync(
            f => f.Epoch > epoch && f.Node != leader.Name, Deadline,
            "a fire by a successor while the leader is stopped");
        _cluster.LogFailover("SIGSTOP", first, elapsed);
        var linesBeforeResume = leader.Process.Lines.Count();
        leader.Process.Signal("CONT");
        await leader.Process.WaitForExitAsync(Deadline);
        await _cluster.AwaitMembersUpAsync(survivor, 2);
        await _cluster.AwaitFiresPastAsync(DateTimeOffset.UtcNow, first.Epoch);

        var staleFires = FiredLine.Parse(leader.Process.Lines.Skip(linesBeforeResume)).ToArray();
        _cluster.Log($"old leader executed {staleFires.Length} occurrence(s) claimed before it was stopped");
        Assert.All(staleFires, f => Assert.True(f.Epoch <= epoch));
        Assert.Contains(leader.AllLines, l => l.Contains("lost by") || l.Contains("released by"));
        await _cluster.CheckInvariantsAsync();
    }
}
