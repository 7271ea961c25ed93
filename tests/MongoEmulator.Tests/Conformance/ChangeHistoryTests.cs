using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Conformance;

/// <summary>The emulator's bounded change history: resuming inside it replays in order; before it, 286.</summary>
public sealed class ChangeHistoryTests
{
    [EmulatorOnlyFact]
    public async Task Resume_should_replay_in_order_after_the_history_wrapped_and_refuse_tokens_it_dropped()
    {
        // 2,500 events in a history of 2,000: it grows past its first allocation, then overwrites the oldest 500.
        await using var server = await MongoEmulatorServer.StartAsync(new MongoEmulatorOptions
        {
            ChangeHistoryLimit = 2_000,
        });
        var settings = MongoClientSettings.FromConnectionString(server.ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        using var client = new MongoClient(settings);
        var collection = client.GetDatabase("d").GetCollection<BsonDocument>("c");
        var options = new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(100), BatchSize = 1_000 };
        using var all = await collection.WatchAsync(options);
        var tokens = new List<(int Id, BsonDocument Token)>();
        for (var chunk = 0; chunk < 5; chunk++)
        {
            // Read as it goes: a stream that falls more than the history behind is itself lost (286).
            await collection.InsertManyAsync(
                Enumerable.Range(1 + chunk * 500, 500).Select(i => new BsonDocument("_id", i)));
            tokens.AddRange(await ReadAsync(all, 500));
        }

        using var resumed = await collection.WatchAsync(
            new ChangeStreamOptions { ResumeAfter = tokens[999].Token, BatchSize = 1_000 });
        var replayed = await ReadAsync(resumed, 1_500);
        var lost = await Assert.ThrowsAsync<MongoCommandException>(
            () => collection.WatchAsync(new ChangeStreamOptions { ResumeAfter = tokens[9].Token }));

        Assert.Equal(Enumerable.Range(1, 2_500), tokens.Select(t => t.Id));
        Assert.Equal(Enumerable.Range(1_001, 1_500), replayed.Select(t => t.Id));
        Assert.Equal(286, lost.Code);
    }

    private static async Task<List<(int Id, BsonDocument Token)>> ReadAsync(
        IChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor, int count)
    {
        var seen = new List<(int, BsonDocument)>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen.Count < count && await cursor.MoveNextAsync(deadline.Token))
        {
            seen.AddRange(cursor.Current.Select(e => (e.DocumentKey["_id"].AsInt32, e.ResumeToken)));
        }

        return seen;
    }
}
