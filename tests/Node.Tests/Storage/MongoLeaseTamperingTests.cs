using Akka.Configuration;
using Akka.Coordination;
using HaScheduler.Node.Storage;
using HaScheduler.Node.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Node.Tests.Storage;

/// <summary>
/// A lease document edited by hand (or written by a bug) must not keep the scheduler leaderless: the bound is
/// one acquire attempt, i.e. the singleton's lease retry interval (docs/FAILOVER.md).
/// </summary>
public sealed class MongoLeaseTamperingTests(MongoTestDatabase mongo) : IClassFixture<MongoTestDatabase>
{
    private const string LeaseName = "scheduler";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Acquire_should_take_over_with_a_higher_epoch_when_an_unknown_holder_has_a_far_future_expiry()
    {
        var database = mongo.NewDatabase();
        await Leases(database).InsertOneAsync(new BsonDocument
        {
            { "_id", LeaseName }, { "holder", "intruder" }, { "epoch", 7L },
            { "expires_at", new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
        });
        var lease = NewLease(database, "node-a");

        var acquired = await lease.Acquire();
        var document = await new LeaseInfo(database).ReadAsync(LeaseName);

        Assert.True(acquired);
        Assert.Equal("node-a", document?.Holder);
        Assert.Equal(8, document?.Epoch);
        Assert.True(document?.ExpiresAt < DateTimeOffset.UtcNow + Duration + TimeSpan.FromSeconds(1));
        await lease.Release();
    }

    [Fact]
    public async Task Acquire_should_take_over_when_the_expiry_is_not_a_date()
    {
        var database = mongo.NewDatabase();
        await Leases(database).InsertOneAsync(new BsonDocument
        {
            { "_id", LeaseName }, { "holder", 42 }, { "epoch", 3L }, { "expires_at", "never" },
            { "duration_ms", "a while" },
        });
        var lease = NewLease(database, "node-a");

        var acquired = await lease.Acquire();
        var document = await new LeaseInfo(database).ReadAsync(LeaseName);

        Assert.True(acquired);
        Assert.Equal(4, document?.Epoch);
        await lease.Release();
    }

    [Fact]
    public async Task Acquire_should_be_refused_when_a_live_holder_expires_within_one_duration()
    {
        var database = mongo.NewDatabase();
        var holder = NewLease(database, "node-a");
        await holder.Acquire();
        var contender = NewLease(database, "node-b");

        var acquired = await contender.Acquire();

        Assert.False(acquired);
        Assert.True(holder.CheckLease());
        await holder.Release();
    }

    private static IMongoCollection<BsonDocument> Leases(IMongoDatabase database) =>
        database.GetCollection<BsonDocument>("leases");

    private static MongoLease NewLease(IMongoDatabase database, string owner)
    {
        var timeouts = new TimeoutSettings(Duration / 5, Duration, TimeSpan.FromSeconds(2));
        var settings = new LeaseSettings(LeaseName, owner, timeouts, ConfigurationFactory.Empty);
        return new MongoLease(settings, database, new LeaseState(), NullLoggerFactory.Instance, TimeProvider.System);
    }
}
