using Akka.Actor;
using HaScheduler.Messages;

namespace HaScheduler.Node.Scheduling;

/// <summary>
/// One per schedule, child of <see cref="SchedulerActor"/>. Arms a timer for the next occurrence; when it is
/// due, claims it in the ledger (fenced by the lease epoch) and only then runs the action. Claims and skip
/// records of one schedule go through one queue, one at a time, so the ledger's position only moves forward.
/// </summary>
public sealed class ScheduleActor : ReceiveActor, IWithTimers
{
    private const string DueTimer = "due";
    private const string RetryTimer = "retry";
    private static readonly TimeSpan LongestTimer = TimeSpan.FromHours(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly ScheduleRuntime _runtime;
    private readonly Queue<Work> _queue = new();
    private Schedule _schedule;
    private DateTimeOffset _cursor;
    private bool _busy;

    public ScheduleActor(Schedule schedule, DateTimeOffset? lastClaimed, ScheduleRuntime runtime)
    {
        _schedule = schedule;
        _runtime = runtime;
        _cursor = Max(lastClaimed ?? schedule.AnchorAt, schedule.AnchorAt);

        Receive<Due>(due => OnDue(due.Occurrence));
        Receive<Recheck>(_ => ArmNext());
        Receive<ClaimResult>(OnClaimResult);
        Receive<SkipResult>(OnSkipResult);
        Receive<Retry>(_ => Pump());
        Receive<Done>(_ => { });
        Receive<OutcomeFailed>(f => NodeLog.ActionFailed(_runtime.Logger, f.Error, _schedule.Id, f.Occurrence));
        Receive<ScheduleUpdated>(u => OnUpdated(u.Schedule));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Schedule schedule, DateTimeOffset? lastClaimed, ScheduleRuntime runtime) =>
        Akka.Actor.Props.Create(() => new ScheduleActor(schedule, lastClaimed, runtime));

    protected override void PreStart()
    {
        CatchUp();
        ArmNext();
        Pump();
    }

    protected override void PostStop() => _runtime.Metrics.SetPending(_schedule.Id, null);

    private DateTimeOffset Now => _runtime.Clock.GetUtcNow();

    /// <summary>Occurrences missed while nobody led follow the schedule's misfire policy.</summary>
    private void CatchUp()
    {
        var until = Now - _runtime.Options.MisfireThreshold;
        var missed = new List<DateTimeOffset>();
        while (_cursor < until)
        {
            var chunk = Occurrences.Between(
                _schedule.Spec, _schedule.AnchorAt, _cursor, until, _runtime.Options.CatchUpLimit);
            if (chunk.Count == 0)
            {
                break;
            }

            // Keep memory bounded over long outages: only the newest CatchUpLimit occurrences are subject to the
            // policy; older ones are recorded as skipped whatever it says (documented in the README).
            if (missed.Count >= _runtime.Options.CatchUpLimit)
            {
                _queue.Enqueue(new SkipBatch(missed.ToArray(), Now));
                missed.Clear();
            }

            missed.AddRange(chunk);
            _cursor = chunk[^1];
        }

        if (missed.Count > 0)
        {
            foreach (var work in Planned(missed))
            {
                _queue.Enqueue(work);
            }
        }

        _cursor = Max(_cursor, until);
    }

    /// <summary>The schedule's misfire policy applied to missed occurrences, as queue work.</summary>
    private List<Work> Planned(IReadOnlyList<DateTimeOffset> missed)
    {
        var plan = MisfirePlanner.Plan(missed, _schedule.Spec.Misfire);
        NodeLog.Misfires(
            _runtime.Logger, _schedule.Id, plan.Skip.Count, plan.Fire.Count, _schedule.Spec.Misfire.ToString());
        var work = new List<Work>();
        if (plan.Skip.Count > 0)
        {
            work.Add(new SkipBatch(plan.Skip, Now));
        }

        work.AddRange(plan.Fire.Select(occurrence => new Claim(occurrence, Now, Planned: true)));
        return work;
    }

    /// <summary>
    /// Claims that waited in the queue past the misfire threshold (the lease in doubt, MongoDB stalled or down,
    /// a claim retried) are misfires like those of an outage: the policy decides, instead of firing them all late.
    /// The overdue claims at the head of the queue are planned together, with any the policy already kept, so
    /// "fire once" fires only the latest of them however often this runs.
    /// </summary>
    private bool ReplanOverdue()
    {
        var limit = Now - _runtime.Options.MisfireThreshold;
        if (!_queue.TryPeek(out var head) || head is not Claim first || first.Occurrence >= limit)
        {
            // The usual case, checked without allocating: nothing waits, or the head is on time.
            return false;
        }

        var overdue = _queue
            .TakeWhile(work => work is Claim claim && claim.Occurrence < limit)
            .Cast<Claim>()
            .ToList();
        if (overdue.All(claim => claim.Planned))
        {
            return false;
        }

        var rest = _queue.Skip(overdue.Count).ToList();
        _queue.Clear();
        foreach (var work in Planned(overdue.ConvertAll(claim => claim.Occurrence)).Concat(rest))
        {
            _queue.Enqueue(work);
        }

        return true;
    }

    private void ArmNext()
    {
        var next = Occurrences.NextAfter(_schedule.Spec, _schedule.AnchorAt, _cursor);
        if (next is null)
        {
            Timers.Cancel(DueTimer);
            return;
        }

        var delay = next.Value - Now;
        if (delay > LongestTimer)
        {
            Timers.StartSingleTimer(DueTimer, Recheck.Instance, LongestTimer);
            return;
        }

        Timers.StartSingleTimer(DueTimer, new Due(next.Value), delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
    }

    private void OnDue(DateTimeOffset occurrence)
    {
        if (occurrence <= _cursor)
        {
            return;
        }

        _cursor = occurrence;
        _queue.Enqueue(new Claim(occurrence, occurrence));
        ArmNext();
        Pump();
    }

    private void OnUpdated(Schedule updated)
    {
        if (updated.Version <= _schedule.Version)
        {
            return;
        }

        var definitionChanged = updated.AnchorAt != _schedule.AnchorAt;
        _schedule = updated;
        if (definitionChanged)
        {
            // A new definition starts from now: its instants before the change were never due.
            _cursor = Max(_cursor, Max(Now, updated.AnchorAt));
        }

        ArmNext();
    }

    private void Pump()
    {
        PumpQueue();
        _runtime.Metrics.SetPending(_schedule.Id, _queue.Count == 0 ? null : _queue.Peek().Since);
    }

    private void PumpQueue()
    {
        while (!_busy && _queue.Count > 0)
        {
            if (ReplanOverdue())
            {
                continue;
            }

            switch (_queue.Peek())
            {
                case Claim claim when !_runtime.LeaseValid():
                    // Not claimed while the lease is in doubt. The claim stays queued: if the lease is confirmed
                    // (a late renewal at the same epoch) it is claimed then; if the lease is lost the singleton
                    // stops, and a successor treats the occurrence as missed.
                    NodeLog.LeaseNotHeld(_runtime.Logger, _schedule.Id, claim.Occurrence);
                    Timers.StartSingleTimer(RetryTimer, Retry.Instance, RetryDelay);
                    return;
                case Claim claim:
                    _busy = true;
                    _runtime.Ledger
                        .TryClaimAsync(
                            _schedule.Id, claim.Occurrence, _runtime.Epoch, _runtime.Node, CancellationToken.None)
                        .PipeTo(Self, success: ok => new ClaimResult(claim.Occurrence, ok, null),
                            failure: e => new ClaimResult(claim.Occurrence, false, e));
                    break;
                case SkipBatch skip:
                    _busy = true;
                    _runtime.Ledger
                        .RecordSkippedAsync(
                            _schedule.Id, skip.Occurrences, _runtime.Epoch, _runtime.Node, CancellationToken.None)
                        .PipeTo(Self, success: () => new SkipResult(skip.Occurrences.Count, null),
                            failure: e => new SkipResult(skip.Occurrences.Count, e));
                    break;
            }
        }
    }

    private void OnClaimResult(ClaimResult result)
    {
        _busy = false;
        if (result.Error is not null)
        {
            NodeLog.ClaimFailed(_runtime.Logger, result.Error, _schedule.Id, result.Occurrence);
            Timers.StartSingleTimer(RetryTimer, Retry.Instance, RetryDelay);
            return;
        }

        _queue.Dequeue();
        if (result.Claimed && !_runtime.LeaseValid())
        {
            // Claimed, but the process may have been paused since: a successor may lead by now. Not running it
            // keeps "at most once" and never runs an occurrence after a newer leader exists; the run stays
            // "claimed" and the next leader records it as unknown.
            NodeLog.LeaseNotHeld(_runtime.Logger, _schedule.Id, result.Occurrence);
        }
        else if (result.Claimed)
        {
            Execute(result.Occurrence);
        }
        else
        {
            NodeLog.ClaimRefused(_runtime.Logger, _schedule.Id, result.Occurrence);
        }

        Pump();
    }

    private void OnSkipResult(SkipResult result)
    {
        _busy = false;
        if (result.Error is not null)
        {
            NodeLog.ClaimFailed(_runtime.Logger, result.Error, _schedule.Id, _cursor);
            Timers.StartSingleTimer(RetryTimer, Retry.Instance, RetryDelay);
            return;
        }

        _queue.Dequeue();
        _runtime.Metrics.RecordSkipped(result.Count);
        Pump();
    }

    /// <summary>The action: for now a structured log event. Its outcome is recorded in the ledger.</summary>
    private void Execute(DateTimeOffset occurrence)
    {
        var firedAt = Now;
        var lateness = firedAt - occurrence;
        NodeLog.ScheduleFired(_runtime.Logger, _schedule.Id, _schedule.Spec.Name, occurrence,
            Math.Round(lateness.TotalMilliseconds, 1), _runtime.Node, _runtime.Epoch);
        _runtime.Metrics.RecordFired();
        _runtime.Ledger
            .RecordOutcomeAsync(
                _schedule.Id, occurrence, RunStatus.Fired, firedAt, lateness, null, CancellationToken.None)
            .PipeTo(Self, success: () => Done.Instance, failure: e => new OutcomeFailed(occurrence, e));
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>Sent by the parent when the change stream reports a newer version.</summary>
    public sealed record ScheduleUpdated(Schedule Schedule);

    private abstract record Work(DateTimeOffset Since);

    /// <param name="Planned">Already decided by the misfire policy, so fired however late it is.</param>
    private sealed record Claim(DateTimeOffset Occurrence, DateTimeOffset Since, bool Planned = false) : Work(Since);

    private sealed record SkipBatch(IReadOnlyList<DateTimeOffset> Occurrences, DateTimeOffset Since) : Work(Since);

    private sealed record Due(DateTimeOffset Occurrence);

    private sealed record Recheck
    {
        public static readonly Recheck Instance = new();
    }

    private sealed record Retry
    {
        public static readonly Retry Instance = new();
    }

    private sealed record Done
    {
        public static readonly Done Instance = new();
    }

    private sealed record ClaimResult(DateTimeOffset Occurrence, bool Claimed, Exception? Error);

    private sealed record SkipResult(int Count, Exception? Error);

    private sealed record OutcomeFailed(DateTimeOffset Occurrence, Exception Error);
}
