using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Conformance;

public sealed class FaultInjectionTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    private static BsonDocument FailCommand(string command, BsonDocument data, int times = 1)
    {
        data["failCommands"] = new BsonArray { command };
        return new BsonDocument
        {
            { "configureFailPoint", "failCommand" },
            { "mode", new BsonDocument("times", times) },
            { "data", data },
        };
    }

    [EmulatorOnlyFact]
    public async Task Retried_insert_should_not_report_duplicate_key_when_reply_was_lost()
    {
        var collection = target.NewCollection();
        await target.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(
            FailCommand("insert", new BsonDocument("closeConnectionAfterApply", true)));

        await collection.InsertOneAsync(new BsonDocument("_id", 1));

        Assert.Equal(1, await collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task Error_code_fail_point_should_surface_as_command_exception()
    {
        var db = target.NewDatabase();
        await target.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(
            FailCommand(
                "ping", new BsonDocument { { "errorCode", 2 }, { "errorLabels", new BsonArray { "X" } } }));

        var error = await Assert.ThrowsAsync<MongoCommandException>(
            () => db.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1)));
        await db.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

        Assert.Equal(2, error.Code);
        Assert.Contains("X", error.ErrorLabels);
    }

    [Fact]
    public async Task Change_stream_should_resume_without_loss_when_get_more_fails_resumably()
    {
        var collection = target.NewCollection();
        using var cursor = await collection.WatchAsync(
            new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(200) });
        await collection.InsertOneAsync(new BsonDocument("_id", 1));
        await target.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(FailCommand("getMore",
            new BsonDocument
            {
                { "errorCode", 6 }, { "errorLabels", new BsonArray { "ResumableChangeStreamError" } },
            }));

        await collection.InsertOneAsync(new BsonDocument("_id", 2));
        var ids = new List<int>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (ids.Count < 2 && await cursor.MoveNextAsync(deadline.Token))
        {
            ids.AddRange(cursor.Current.Select(e => e.DocumentKey["_id"].AsInt32));
        }

        Assert.Equal([1, 2], ids);
    }

    [EmulatorOnlyFact]
    public async Task Change_stream_should_resume_when_connections_are_dropped()
    {
        var collection = target.NewCollection();
        using var cursor = await collection.WatchAsync(
            new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(200) });
        await collection.InsertOneAsync(new BsonDocument("_id", 1));

        target.Server!.DropAllConnections();
        await collection.InsertOneAsync(new BsonDocument("_id", 2));
        var ids = new List<int>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (ids.Count < 2 && await cursor.MoveNextAsync(deadline.Token))
        {
            ids.AddRange(cursor.Current.Select(e => e.DocumentKey["_id"].AsInt32));
        }

        Assert.Equal([1, 2], ids);
    }
}
