using Akka.Configuration;
using Akka.Coordination;
using HaScheduler.Node.Storage;
using HaScheduler.Node.Tests.Support;
using HaScheduler.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Node.Tests.Storage;

public sealed class MongoLeaseTests(MongoTestDatabase mongo) : IClassFixture<MongoTestDatabase>
{
    private const string LeaseName = "scheduler";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Acquire_should_grant_epoch_1_and_publish_it_when_the_lease_is_free()
    {
        var database = mongo.NewDatabase();
        var state = new LeaseState();
        var lease = NewLease(database, "node-a", state: state);

        var acquired = await lease.Acquire();
        var document = await new LeaseInfo(database).ReadAsync(LeaseName);

        Assert.True(acquired);
        Assert.True(lease.CheckLease());
        Assert.NotNull(document);
        Assert.Equal("node-a", document.Holder);
        Assert.Equal(1, document.Epoch);
        Assert.Equal(1, document.Transitions);
        Assert.Equal(Duration, document.Duration);
        Assert.Equal(document.AcquiredAt?.Add(Duration), document.ExpiresAt);
        Assert.True(state.IsHeld);
        Assert.Equal(1, state.Epoch);
        Assert.True(state.CheckLease());
        await lease.Release();
    }

    [Fact]
    public async Task Renewal_should_keep_the_lease_when_it_outlives_several_durations()
    {
        var database = mongo.NewDatabase();
        var lease = NewLease(database, "node-a");
        await lease.Acquire();
        var first = await new LeaseInfo(database).ReadAsync(LeaseName);
        var target = first!.RenewedAt + 3 * Duration;

        await Eventually.TrueAsync(
            async () => (await new LeaseInfo(database).ReadAsync(LeaseName))?.RenewedAt > target,
            Deadline,
            "renewed for three lease durations");

        var later = await new LeaseInfo(database).ReadAsync(LeaseName);
        Assert.True(lease.CheckLease());
        Assert.Equal("node-a", later?.Holder);
        Assert.Equal(1, later?.Epoch);
        Assert.Equal(first.AcquiredAt, later?.AcquiredAt);
        await lease.Release();
    }

    [Fact]
    public async Task Acquire_should_refuse_a_second_owner_when_the_lease_is_held()
    {
        var database = mongo.NewDatabase();
        var holder = NewLease(database, "node-a");
        var contender = NewLease(database, "node-b");
        await holder.Acquire();

        var acquired = await contender.Acquire();

        Assert.False(acquired);
        Assert.False(contender.CheckLease());
        Assert.Equal("node-a", (await new LeaseInfo(database).ReadAsync(LeaseName))?.Holder);
        await holder.Release();
    }

    [Fact]
    public async Task Acquire_should_keep_the_epoch_when_the_holder_acquires_again()
    {
        var database = mongo.NewDatabase();
        var lease = NewLease(database, "node-a");
        await lease.Acquire();

        var again = await lease.Acquire();

        Assert.True(again);
        Assert.Equal(1, (await new LeaseInfo(database).ReadAsync(LeaseName))?.Epoch);
        await lease.Release();
    }

    [Fact]
    public async Task Acquire_should_take_over_with_the_next_epoch_when_the_holder_stopped_renewing()
    {
        var database = mongo.NewDatabase();
        var pausedClock = new ManualTimeProvider();
        var paused = NewLease(database, "node-a", pausedClock);
        var successor = NewLease(database, "node-b");
        await paused.Acquire();

        await Eventually.TrueAsync(() => successor.Acquire(), Deadline, "successor acquires after expiry");
        pausedClock.Advance(Duration - Margin);

        var document = await new LeaseInfo(database).ReadAsync(LeaseName);
        Assert.Equal("node-b", document?.Holder);
        Assert.Equal(2, document?.Epoch);
        Assert.Equal(2, document?.Transitions);
        Assert.False(paused.CheckLease());
        await successor.Release();
    }

    [Fact]
    public async Task Release_should_let_another_owner_acquire_at_once_when_called()
    {
        var database = mongo.NewDatabase();
        var state = new LeaseState();
        var first = NewLease(database, "node-a", state: state);
        var second = NewLease(database, "node-b");
        await first.Acquire();

        var released = await first.Release();
        var acquired = await second.Acquire();

        Assert.True(released);
        Assert.True(acquired);
        Assert.False(first.CheckLease());
        Assert.False(state.IsHeld);
        Assert.Null(state.Epoch);
        Assert.Equal(2, (await new LeaseInfo(database).ReadAsync(LeaseName))?.Epoch);
        await second.Release();
    }

    [Fact]
    public async Task Lost_callback_should_fire_once_when_another_holder_overwrites_the_document()
    {
        var database = mongo.NewDatabase();
        var state = new LeaseState();
        var lease = NewLease(database, "node-a", state: state);
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        await lease.Acquire(e =>
        {
            Interlocked.Increment(ref calls);
            lost.TrySetResult(e);
        });

        await database.GetCollection<BsonDocument>("leases").UpdateOneAsync(
            new BsonDocument("_id", LeaseName),
            new BsonDocument("$set", new BsonDocument
            {
                { "holder", "intruder" },
                { "epoch", 2L },
                { "expires_at", DateTime.UtcNow.AddMinutes(1) },
            }));
        var reason = await lost.Task.WaitAsync(Deadline);
        await lease.Release();

        Assert.IsType<LeaseException>(reason);
        Assert.Equal(1, calls);
        Assert.False(lease.CheckLease());
        Assert.False(state.IsHeld);
        Assert.Equal("intruder", (await new LeaseInfo(database).ReadAsync(LeaseName))?.Holder);
    }

    [Fact]
    public async Task CheckLease_should_turn_false_when_the_time_budget_passes_without_renewal()
    {
        var database = mongo.NewDatabase();
        var clock = new ManualTimeProvider();
        var state = new LeaseState();
        var lease = NewLease(database, "node-a", clock, state);
        await lease.Acquire();
        var fresh = lease.CheckLease();

        clock.Advance(Duration - Margin - TimeSpan.FromMilliseconds(1));
        var justInside = lease.CheckLease();
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(fresh);
        Assert.True(justInside);
        Assert.False(lease.CheckLease());
        Assert.False(state.CheckLease());
    }

    private static MongoLease NewLease(
        IMongoDatabase database, string owner, TimeProvider? time = null, LeaseState? state = null)
    {
        var timeouts = new TimeoutSettings(Duration / 5, Duration, TimeSpan.FromSeconds(2));
        var config = ConfigurationFactory.ParseString($"safety-margin = {Margin.TotalMilliseconds}ms");
        var settings = new LeaseSettings(LeaseName, owner, timeouts, config);
        return new MongoLease(
            settings,
            database,
            state ?? new LeaseState(),
            NullLoggerFactory.Instance,
            time ?? TimeProvider.System);
    }
}
