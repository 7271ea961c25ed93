using Akka.Actor;
using Akka.TestKit.Xunit2;
using HaScheduler.Messages;
using HaScheduler.Messages.Scheduler;
using HaScheduler.Node.Scheduling;
using HaScheduler.Node.Storage;
using HaScheduler.Node.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Node.Tests.Actors;

/// <summary>
/// The singleton against MongoDB (emulator or HASCHEDULER_TEST_MONGO_URI): snapshot on start, change events to
/// children, deletes stop children. The ledger is the recording one, so the claims each child makes are visible.
/// </summary>
public sealed class SchedulerActorTests : TestKit, IClassFixture<MongoTestDatabase>
{
    private const long Epoch = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly RecordingLedger _ledger = new();
    private readonly IMongoDatabase _database;
    private readonly MongoScheduleStore _store;
    private readonly LeaseState _lease = new();

    public SchedulerActorTests(MongoTestDatabase mongo)
        : base("akka.actor.provider = cluster\nakka.remote.dot-netty.tcp.port = 0\nakka.loglevel = WARNING")
    {
        _database = mongo.NewDatabase();
        _store = new MongoScheduleStore(_database);
        var now = DateTimeOffset.UtcNow;
        _lease.Publish(new LeaseSnapshot("test", "me", Epoch, true, now, now), () => true);
    }

    [Fact]
    public async Task SchedulerActor_should_arm_schedules_from_the_snapshot_when_it_starts()
    {
        var existing = await _store.CreateAsync(Every("200ms"), CancellationToken.None);

        StartScheduler();

        await AwaitConditionAsync(() => Task.FromResult(_ledger.ClaimsOf(existing.Id) >= 2), Deadline);
        Assert.Contains(existing.Id, _ledger.FencedSchedules);
        Assert.Equal(Epoch, _ledger.FencedEpoch);
    }

    [Fact]
    public async Task SchedulerActor_should_create_update_and_stop_children_when_the_change_stream_reports_it()
    {
        var scheduler = StartScheduler();
        await AwaitAssertAsync(async () => Assert.Equal(0, await CountSchedulesAsync(scheduler)), Deadline);

        var created = await _store.CreateAsync(Every("1h"), CancellationToken.None);
        await AwaitAssertAsync(async () => Assert.Equal(1, await CountSchedulesAsync(scheduler)), Deadline);
        Assert.Equal(0, _ledger.ClaimsOf(created.Id));

        await _store.ReplaceAsync(created.Id, Every("200ms"), expectedVersion: null, CancellationToken.None);
        await AwaitConditionAsync(() => Task.FromResult(_ledger.ClaimsOf(created.Id) >= 2), Deadline);

        await _store.DeleteAsync(created.Id, expectedVersion: null, CancellationToken.None);
        await AwaitAssertAsync(async () => Assert.Equal(0, await CountSchedulesAsync(scheduler)), Deadline);
        var claimsAfterDelete = _ledger.ClaimsOf(created.Id);
        var witness = await _store.CreateAsync(Every("200ms"), CancellationToken.None);
        await AwaitConditionAsync(() => Task.FromResult(_ledger.ClaimsOf(witness.Id) >= 3), Deadline);
        Assert.Equal(claimsAfterDelete, _ledger.ClaimsOf(created.Id));
    }

    private IActorRef StartScheduler() => Sys.ActorOf(Props.Create(() => new SchedulerActor(
        _store, _ledger, _lease, _database, NullLoggerFactory.Instance, new SchedulingOptions(), TimeProvider.System)));

    private static async Task<int> CountSchedulesAsync(IActorRef scheduler) =>
        (await scheduler.Ask<SchedulerStatusResponse>(GetSchedulerStatus.Instance, TimeSpan.FromSeconds(3))).Schedules;

    private static ScheduleSpec Every(string interval) =>
        new("test", ScheduleType.Duration, new ScheduleDefinition(Interval: interval));
}
