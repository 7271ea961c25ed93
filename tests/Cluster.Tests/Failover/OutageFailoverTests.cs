using System.Net;
using HaScheduler.Cluster.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>
/// Losing a majority of the nodes, losing MongoDB, and changing schedules while nobody leads. Each test owns a
/// fresh three-node cluster and ends with <see cref="LedgerInvariants"/>.
/// </summary>
public sealed class OutageFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private FailoverCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FailoverCluster.StartAsync(
        output, new LocalClusterSettings { DurableEmulator = true });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>
    /// Keep-majority: a lone survivor cannot tell "the others crashed" from "I am cut off", so it downs itself
    /// and its process exits (an orchestrator restarts it). Nothing fires until a majority is back; then the
    /// new leader fences with a higher epoch and records the outage's occurrences as skipped (fire_once).
    /// </summary>
    [Fact]
    public async Task Survivor_should_down_itself_and_the_restarted_cluster_account_for_the_gap_when_two_of_three_die()
    {
        var (leader, epoch) = await _cluster.LeaderAsync();
        await _cluster.WarmUpAsync(leader);
        var survivor = leader;
        var victims = _cluster.Nodes.Where(n => n != survivor).ToArray();

        foreach (var victim in victims)
        {
            victim.Process!.Signal("KILL");
        }

        var survivorExit = await survivor.Process!.WaitForExitAsync(Deadline);
        _cluster.Log($"lone survivor {survivor.Name} downed itself and exited with {survivorExit}");
        var stoppedAt = DateTimeOffset.UtcNow;
        var firesWhileDown = _cluster.Fired().Count;
        foreach (var node in _cluster.Nodes)
        {
            _cluster.Cluster.StartNode(node);
        }

        foreach (var node in _cluster.Nodes)
        {
            await _cluster.Cluster.WaitReadyAsync(node);
        }

        var (first, _) = await _cluster.AwaitFireAsync(f => f.Epoch > epoch, Deadline, "a fire after the restart");
        await _cluster.AwaitFiresPastAsync(DateTimeOffset.UtcNow, first.Epoch);

        Assert.Contains(survivor.AllLines, l => l.Contains("lost by") || l.Contains("released by"));
        Assert.DoesNotContain(
            _cluster.Fired().Skip(firesWhileDown), f => f.Epoch <= epoch);
        var report = await _cluster.CheckInvariantsAsync();
        Assert.True(report.Skipped > 0, $"the outage after {stoppedAt:O} left no skipped records");
    }

    [Fact]
    public async Task Scheduler_should_resume_and_the_api_answer_503_when_mongodb_is_down_for_seconds()
    {
        var (leader, _) = await _cluster.LeaderAsync();
        var api = _cluster.Nodes.First(n => n != leader);
        await _cluster.WarmUpAsync(api);

        await _cluster.Cluster.KillEmulatorAsync();
        // The outage lasts as long as the API needs to give up on MongoDB (its server selection timeout).
        var during = await api.Http.GetAsync("/schedules");
        var problem = await during.Content.ReadAsStringAsync();
        await _cluster.Cluster.RestartEmulatorAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        var (first, _) = await _cluster.AwaitFireAsync(
            f => f.Occurrence > restartedAt, Deadline, "a fire after MongoDB came back");
        var created = await _cluster.Workload.CreateAsync(api.Http, ScheduleKind.Every200Ms, "after-outage");
        await _cluster.AwaitFireAsync(
            f => f.ScheduleId == created.Id, Deadline, "a schedule created after the outage to fire");
        await _cluster.AwaitFiresPastAsync(DateTimeOffset.UtcNow, first.Epoch);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":503", problem);
        await _cluster.CheckInvariantsAsync();
    }

    [Fact]
    public async Task Changes_made_while_nobody_leads_should_take_effect_after_the_takeover()
    {
        var (leader, epoch) = await _cluster.LeaderAsync();
        var api = _cluster.Nodes.First(n => n != leader);
        await _cluster.WarmUpAsync(api);
        var existing = _cluster.Workload.Schedules.ToArray();

        leader.Process!.Signal("KILL");
        var created = new[]
        {
            await _cluster.Workload.CreateAsync(api.Http, ScheduleKind.Every200Ms, "during-200ms"),
            await _cluster.Workload.CreateAsync(api.Http, ScheduleKind.EverySecond, "during-1s"),
            await _cluster.Workload.CreateAsync(api.Http, ScheduleKind.CronEverySecond, "during-cron"),
        };
        await _cluster.Workload.UpdateAsync(api.Http, existing[0].Id, ScheduleKind.EverySecond);
        await _cluster.Workload.UpdateAsync(api.Http, existing[1].Id, ScheduleKind.Every200Ms);
        await _cluster.Workload.UpdateAsync(api.Http, existing[2].Id, ScheduleKind.Every200Ms);
        foreach (var gone in existing[3..6])
        {
            await _cluster.Workload.DeleteAsync(api.Http, gone.Id);
        }

        var (first, _) = await _cluster.AwaitFireAsync(
            f => f.Epoch > epoch, Deadline, "a fire by the new leader");
        foreach (var schedule in created.Concat(existing[..3]))
        {
            var anchor = schedule.Segments[^1].Anchor;
            await _cluster.AwaitFireAsync(
                f => f.ScheduleId == schedule.Id && f.Epoch >= first.Epoch && f.Occurrence > anchor, Deadline,
                $"{schedule.Id} to fire on its new definition");
        }

        await _cluster.AwaitFiresPastAsync(DateTimeOffset.UtcNow, first.Epoch);

        var fired = _cluster.Fired();
        foreach (var schedule in existing[..3])
        {
            var segment = schedule.Segments[^1];
            var onNewGrid = segment.Instants(segment.Anchor, DateTimeOffset.UtcNow).ToHashSet();
            Assert.All(
                fired.Where(f => f.ScheduleId == schedule.Id && f.Epoch >= first.Epoch
                                 && f.Occurrence > segment.Anchor),
                f => Assert.Contains(f.Occurrence, onNewGrid));
        }

        await _cluster.CheckInvariantsAsync();
    }
}
