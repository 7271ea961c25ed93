using Akka.Actor;
using HaScheduler.Messages;
using HaScheduler.Messages.Scheduler;
using HaScheduler.Node.Hosting;
using HaScheduler.Node.Storage;
using MongoDB.Driver;

namespace HaScheduler.Node.Scheduling;

/// <summary>
/// The cluster singleton. Starts only once the MongoDB lease is held (Akka's singleton lease support).
/// Opens the change stream first, then loads every schedule, fences the ledger with its lease epoch, and keeps
/// one <see cref="ScheduleActor"/> per schedule, applying changes in stream order and dropping those the
/// snapshot already holds (by version).
/// </summary>
public sealed class SchedulerActor : ReceiveActor, IWithStash, IWithTimers
{
    public const string SingletonName = "scheduler";
    private static readonly TimeSpan StartRetryDelay = TimeSpan.FromSeconds(1);

    private readonly IScheduleStore _store;
    private readonly IRunLedger _ledger;
    private readonly LeaseState _lease;
    private readonly IMongoDatabase _database;
    private readonly ILogger _logger;
    private readonly SchedulingOptions _options;
    private readonly TimeProvider _clock;
    private readonly SchedulerMetrics _metrics;
    private readonly Dictionary<string, (IActorRef Child, long Version)> _children = new();
    private readonly DateTimeOffset _startedAt;
    private ScheduleChangeFeed? _feed;
    private CancellationTokenSource? _feedCancellation;
    private ScheduleRuntime? _runtime;
    private DateTimeOffset? _lastChangeAppliedAt;
    private string _node = "";
    private long _epoch;

    public SchedulerActor(
        IScheduleStore store, IRunLedger ledger, LeaseState lease, IMongoDatabase database,
        ILoggerFactory loggers, SchedulingOptions options, TimeProvider clock)
    {
        _store = store;
        _ledger = ledger;
        _lease = lease;
        _database = database;
        _logger = loggers.CreateLogger<SchedulerActor>();
        _options = options;
        _clock = clock;
        _metrics = new SchedulerMetrics(clock);
        _startedAt = clock.GetUtcNow();
        Starting();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _node = NodeIdentity.Of(Context.System);
        Self.Tell(Start.Instance);
    }

    protected override void PostStop()
    {
        StopFeed();
        NodeLog.SchedulerStopped(_logger, _node, _epoch);
    }

    private void Starting()
    {
        Receive<Start>(_ => BeginLoad());
        Receive<Loaded>(OnLoaded);
        Receive<Status.Failure>(f =>
        {
            NodeLog.SchedulerStartFailed(_logger, f.Cause);
            StopFeed();
            Timers.StartSingleTimer(Start.Instance, Start.Instance, StartRetryDelay);
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<ScheduleChange>(OnChange);
        Receive<FeedStopped>(stopped =>
        {
            NodeLog.ChangeStreamReload(_logger, stopped.Error);
            Become(Starting);
            Self.Tell(Start.Instance);
        });
        Receive<GetSchedulerStatus>(_ => Sender.Tell(new SchedulerStatusResponse(
            _node, _epoch, _startedAt, _children.Count, Context.GetChildren().Count(), _metrics.FiredLastMinute(),
            _metrics.Skipped, _lastChangeAppliedAt, _metrics.OldestPending())));
    }

    private void BeginLoad()
    {
        StopFeed();
        _epoch = _lease.Epoch
                 ?? throw new InvalidOperationException("the scheduler runs only while the lease is held");
        _feed = new ScheduleChangeFeed(_database, _logger);
        LoadAsync(_feed, _epoch).PipeTo(Self);
    }

    private async Task<Loaded> LoadAsync(ScheduleChangeFeed feed, long epoch)
    {
        // Stream first, snapshot second: a change made between the two arrives as an event, and one the
        // snapshot already holds is dropped by version.
        await feed.OpenAsync(null, CancellationToken.None);
        var schedules = await _store.LoadAllAsync(CancellationToken.None);
        var positions = await _ledger.FenceAndLoadPositionsAsync(
            epoch, schedules.Select(s => s.Id).ToArray(), _node, CancellationToken.None);
        return new Loaded(schedules, positions);
    }

    private void OnLoaded(Loaded loaded)
    {
        var runtime = new ScheduleRuntime(
            _ledger, () => _lease.CheckLease() && _lease.Epoch == _epoch, _logger, _options, _clock, _metrics, _node,
            _epoch);
        var present = loaded.Schedules.Select(s => s.Id).ToHashSet();
        foreach (var gone in _children.Keys.Where(id => !present.Contains(id)).ToArray())
        {
            Context.Stop(_children[gone].Child);
            _children.Remove(gone);
        }

        foreach (var schedule in loaded.Schedules)
        {
            if (_children.TryGetValue(schedule.Id, out var existing))
            {
                existing.Child.Tell(new ScheduleActor.ScheduleUpdated(schedule));
                _children[schedule.Id] = (existing.Child, Math.Max(existing.Version, schedule.Version));
                continue;
            }

            loaded.Positions.TryGetValue(schedule.Id, out var position);
            DateTimeOffset? lastClaimed = loaded.Positions.ContainsKey(schedule.Id) ? position : null;
            var child = Context.ActorOf(
                ScheduleActor.Props(schedule, lastClaimed, runtime), ChildName(schedule.Id));
            _children[schedule.Id] = (child, schedule.Version);
        }

        _runtime = runtime;
        StartFeed();
        NodeLog.SchedulerStarted(_logger, _node, _epoch, loaded.Schedules.Count);
        Become(Running);
        Stash.UnstashAll();
    }

    private void OnChange(ScheduleChange change)
    {
        _lastChangeAppliedAt = _clock.GetUtcNow();
        if (change.Kind == ScheduleChangeKind.Deleted)
        {
            if (_children.Remove(change.Id, out var removed))
            {
                Context.Stop(removed.Child);
                _ledger.ForgetAsync(change.Id, CancellationToken.None);
                NodeLog.ScheduleApplied(_logger, change.Id, removed.Version, "deleted");
            }

            return;
        }

        var schedule = ScheduleDocumentMapper.FromDocument(change.Document!);
        if (_children.TryGetValue(schedule.Id, out var known))
        {
            if (schedule.Version <= known.Version)
            {
                return;
            }

            known.Child.Tell(new ScheduleActor.ScheduleUpdated(schedule));
            _children[schedule.Id] = (known.Child, schedule.Version);
            NodeLog.ScheduleApplied(_logger, schedule.Id, schedule.Version, "updated");
            return;
        }

        var child = Context.ActorOf(ScheduleActor.Props(schedule, null, _runtime!), ChildName(schedule.Id));
        _children[schedule.Id] = (child, schedule.Version);
        NodeLog.ScheduleApplied(_logger, schedule.Id, schedule.Version, "created");
    }

    private void StartFeed()
    {
        var feed = _feed!;
        var self = Self;
        _feedCancellation = new CancellationTokenSource();
        var token = _feedCancellation.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await feed.RunAsync(change => self.Tell(change), token);
            }
            catch (ResumeImpossibleException e)
            {
                self.Tell(new FeedStopped(e));
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }, CancellationToken.None);
    }

    private void StopFeed()
    {
        _feedCancellation?.Cancel();
        _feedCancellation?.Dispose();
        _feedCancellation = null;
        if (_feed is not null)
        {
            _ = _feed.DisposeAsync();
            _feed = null;
        }
    }

    // Ids are URL-safe already; escaping keeps any id a valid actor name.
    private static string ChildName(string scheduleId) => Uri.EscapeDataString(scheduleId);

    private sealed record Start
    {
        public static readonly Start Instance = new();
    }

    private sealed record Loaded(
        IReadOnlyList<Schedule> Schedules, IReadOnlyDictionary<string, DateTimeOffset> Positions);

    private sealed record FeedStopped(Exception Error);
}
