using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Servers;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Conformance;

public sealed class HandshakeTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    [Fact]
    public async Task Ping_should_succeed_when_connecting_with_direct_connection()
    {
        var admin = target.Client.GetDatabase("admin");

        var reply = await admin.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

        Assert.Equal(1.0, reply["ok"].ToDouble());
    }

    [EmulatorOnlyFact]
    public async Task Ping_should_succeed_when_connecting_with_replica_set_name()
    {
        using var client = new MongoClient(target.Server!.ReplicaSetConnectionString);

        await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

        var server = Assert.Single(client.Cluster.Description.Servers);
        Assert.Equal(ServerType.ReplicaSetPrimary, server.Type);
        Assert.Equal(ClusterType.ReplicaSet, client.Cluster.Description.Type);
    }

    [EmulatorOnlyFact]
    public async Task Ping_should_succeed_when_connecting_without_options()
    {
        using var client = new MongoClient($"mongodb://127.0.0.1:{target.Server!.Port}/");

        await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

        Assert.Equal(ServerType.ReplicaSetPrimary, Assert.Single(client.Cluster.Description.Servers).Type);
    }

    [EmulatorOnlyFact]
    public async Task Server_selection_should_time_out_when_replica_set_name_is_wrong()
    {
        var settings = MongoClientSettings.FromConnectionString(
            $"mongodb://127.0.0.1:{target.Server!.Port}/?replicaSet=wrong");
        settings.ServerSelectionTimeout = TimeSpan.FromMilliseconds(800);
        using var client = new MongoClient(settings);

        var ping = () => client.GetDatabase("admin")
            .RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

        await Assert.ThrowsAsync<TimeoutException>(ping);
    }

    [Fact]
    public async Task Unknown_command_should_fail_with_command_not_found()
    {
        var db = target.NewDatabase();

        var error = await Assert.ThrowsAsync<MongoCommandException>(
            () => db.RunCommandAsync<BsonDocument>(new BsonDocument("nonExistingCommand", 1)));

        Assert.Equal(59, error.Code);
        Assert.Equal("CommandNotFound", error.CodeName);
    }

    [Fact]
    public async Task Session_should_carry_operation_time_when_writing_then_reading()
    {
        var collection = target.NewCollection();
        using var session = await target.Client.StartSessionAsync();

        await collection.InsertOneAsync(session, new BsonDocument("_id", 1));
        var found = await collection.Find(session, FilterDefinition<BsonDocument>.Empty).ToListAsync();

        Assert.Single(found);
        Assert.NotNull(session.OperationTime);
        Assert.NotNull(session.ClusterTime);
    }

    [Fact]
    public async Task Write_concern_should_report_error_100_when_w_is_two()
    {
        var collection = target.NewCollection().WithWriteConcern(new WriteConcern(2));

        var error = await Assert.ThrowsAnyAsync<MongoException>(
            () => collection.InsertOneAsync(new BsonDocument()));

        var concernError = error switch
        {
            MongoWriteException w => w.WriteConcernError,
            MongoWriteConcernException c => null as WriteConcernError,
            _ => null,
        };
        Assert.True(
            concernError?.Code == 100 || error is MongoWriteConcernException { Code: 100 }, error.ToString());
    }

    [Fact]
    public async Task Unacknowledged_insert_should_be_visible_to_the_next_operation()
    {
        var collection = target.NewCollection();

        await collection.WithWriteConcern(WriteConcern.Unacknowledged)
            .InsertOneAsync(new BsonDocument("_id", 7));
        var count = await collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);

        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Majority_write_concern_should_succeed_immediately()
    {
        var collection = target.NewCollection().WithWriteConcern(WriteConcern.WMajority);

        await collection.InsertOneAsync(new BsonDocument("_id", 1));

        Assert.Equal(1, await collection.EstimatedDocumentCountAsync());
    }
}
