using Akka.Actor;
using Akka.TestKit.Xunit2;
using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace HaScheduler.Node.Tests.Actors;

public sealed class ScheduleActorTests() : TestKit("akka.loglevel = WARNING")
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly RecordingLedger _ledger = new();
    private volatile bool _leaseValid = true;
    private Func<bool>? _leaseValidity;
    private int _leaseChecks;

    [Fact]
    public async Task ScheduleActor_should_claim_and_fire_each_anchored_occurrence_once_when_due()
    {
        var schedule = Duration("200ms", anchor: DateTimeOffset.UtcNow);

        Sys.ActorOf(ScheduleActor.Props(schedule, null, Runtime()));

        await AwaitConditionAsync(() => Task.FromResult(_ledger.Outcomes.Count >= 3), Deadline);
        var claims = _ledger.Claims.ToArray();
        Assert.Equal(claims.Distinct().Count(), claims.Length);
        Assert.All(claims, c => Assert.Equal(0, (c - schedule.AnchorAt).Ticks % TimeSpan.FromMilliseconds(200).Ticks));
        Assert.Equal(claims.OrderBy(c => c), claims);
        Assert.All(_ledger.Outcomes, o => Assert.Equal(RunStatus.Fired, o.Status));
    }

    [Fact]
    public async Task ScheduleActor_should_not_fire_when_the_claim_is_refused()
    {
        _ledger.RefuseClaim = _ => true;
        var schedule = Duration("200ms", anchor: DateTimeOffset.UtcNow);

        Sys.ActorOf(ScheduleActor.Props(schedule, null, Runtime()));
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _leaseChecks) >= 3), Deadline);

        Assert.Empty(_ledger.Claims);
        Assert.Empty(_ledger.Outcomes);
    }

    [Fact]
    public async Task ScheduleActor_should_claim_nothing_when_the_lease_is_not_held()
    {
        _leaseValid = false;
        var schedule = Duration("200ms", anchor: DateTimeOffset.UtcNow);

        Sys.ActorOf(ScheduleActor.Props(schedule, null, Runtime()));
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _leaseChecks) >= 3), Deadline);

        Assert.Empty(_ledger.Claims);
        Assert.Empty(_ledger.Outcomes);
    }

    [Fact]
    public async Task ScheduleActor_should_not_run_a_claimed_occurrence_when_the_lease_lapsed_during_the_claim()
    {
        _leaseValidity = () => Volatile.Read(ref _leaseChecks) <= 1;
        var schedule = Duration("200ms", anchor: DateTimeOffset.UtcNow);

        Sys.ActorOf(ScheduleActor.Props(schedule, null, Runtime()));
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _leaseChecks) >= 4), Deadline);

        Assert.Single(_ledger.Claims);
        Assert.Empty(_ledger.Outcomes);
    }

    [Fact]
    public async Task ScheduleActor_should_claim_queued_occurrences_when_the_lease_is_confirmed_again()
    {
        _leaseValid = false;
        var schedule = Duration("200ms", anchor: DateTimeOffset.UtcNow);
        var patient = new SchedulingOptions { MisfireThreshold = TimeSpan.FromMinutes(1) };
        Sys.ActorOf(ScheduleActor.Props(schedule, null, Runtime(patient)));
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _leaseChecks) >= 2), Deadline);

        _leaseValid = true;

        await AwaitConditionAsync(() => Task.FromResult(_ledger.Outcomes.Count >= 2), Deadline);
        Assert.Equal(schedule.AnchorAt.AddMilliseconds(200), _ledger.Claims.First());
    }

    [Theory]
    [InlineData(MisfirePolicy.Skip)]
    [InlineData(MisfirePolicy.FireOnce)]
    public async Task ScheduleActor_should_apply_the_misfire_policy_to_claims_queued_past_the_threshold(
        MisfirePolicy policy)
    {
        // The lease is in doubt for well over the threshold, as when MongoDB stalls without a change of leader: the
        // occurrences queued meanwhile are misfires, not a burst of late fires.
        var threshold = TimeSpan.FromMilliseconds(300);
        _leaseValid = false;
        var schedule = Duration("100ms", anchor: DateTimeOffset.UtcNow);
        schedule = schedule with { Spec = schedule.Spec with { Misfire = policy } };
        var options = new SchedulingOptions { MisfireThreshold = threshold };
        Sys.ActorOf(ScheduleActor.Props(schedule, null, Runtime(options)));
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _leaseChecks) >= 3), Deadline);

        _leaseValid = true;

        await AwaitConditionAsync(() => Task.FromResult(_ledger.Lateness.Count >= 3), Deadline);
        var skipped = _ledger.Skipped.ToArray();
        var first = _ledger.Lateness.First();
        Assert.Equal(schedule.AnchorAt.AddMilliseconds(100), skipped.Min());
        Assert.Equal(skipped.Max().AddMilliseconds(100), first.Occurrence);
        Assert.Equal(_ledger.Claims.ToArray().Order(), _ledger.Claims.ToArray());
        if (policy == MisfirePolicy.FireOnce)
        {
            // The latest overdue occurrence fires, late by at least the threshold; only that one.
            Assert.True(first.Lateness >= threshold, $"lateness {first.Lateness}");
            Assert.All(_ledger.Lateness.Skip(1), l => Assert.True(l.Lateness < threshold * 2, $"lateness {l}"));
        }
        else
        {
            Assert.All(_ledger.Lateness, l => Assert.True(l.Lateness < threshold * 2, $"lateness {l}"));
        }
    }

    [Fact]
    public async Task ScheduleActor_should_fire_the_latest_missed_and_skip_the_rest_when_policy_is_fire_once()
    {
        var schedule = Duration("1s", DateTimeOffset.UtcNow.AddSeconds(-30));
        var lastClaimed = schedule.AnchorAt.AddSeconds(10);

        Sys.ActorOf(ScheduleActor.Props(schedule, lastClaimed, Runtime()));

        await AwaitConditionAsync(
            () => Task.FromResult(_ledger.Skipped.Count >= 15 && !_ledger.Claims.IsEmpty), Deadline);
        var skipped = _ledger.Skipped.ToArray();
        var firstClaim = _ledger.Claims.First();
        Assert.Equal(lastClaimed.AddSeconds(1), skipped.Min());
        Assert.Equal(firstClaim.AddSeconds(-1), skipped.Max());
        Assert.Equal(skipped.Length, (int)(firstClaim - lastClaimed).TotalSeconds - 1);
        Assert.DoesNotContain(firstClaim, skipped);
    }

    [Fact]
    public async Task ScheduleActor_should_rearm_when_the_definition_changes()
    {
        var schedule = Duration("1h", anchor: DateTimeOffset.UtcNow);
        var actor = Sys.ActorOf(ScheduleActor.Props(schedule, null, Runtime()));
        var updatedAnchor = DateTimeOffset.UtcNow;
        var updated = schedule with
        {
            Spec = schedule.Spec with { Definition = new ScheduleDefinition(Interval: "200ms") },
            AnchorAt = updatedAnchor,
            Version = schedule.Version + 1,
        };

        actor.Tell(new ScheduleActor.ScheduleUpdated(updated));

        await AwaitConditionAsync(() => Task.FromResult(_ledger.Outcomes.Count >= 2), Deadline);
        Assert.All(_ledger.Claims, c => Assert.True(c > updatedAnchor));
    }

    private ScheduleRuntime Runtime(SchedulingOptions? options = null) => new(
        _ledger,
        () =>
        {
            Interlocked.Increment(ref _leaseChecks);
            return _leaseValidity?.Invoke() ?? _leaseValid;
        },
        NullLogger.Instance,
        options ?? new SchedulingOptions(),
        TimeProvider.System,
        new SchedulerMetrics(TimeProvider.System),
        "test-node",
        Epoch: 7);

    private static Schedule Duration(string interval, DateTimeOffset anchor)
    {
        var ms = new DateTimeOffset(anchor.UtcTicks - anchor.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        return new Schedule(
            "sch_test", new ScheduleSpec("test", ScheduleType.Duration, new ScheduleDefinition(Interval: interval)),
            ms, ms, ms, 1);
    }
}
