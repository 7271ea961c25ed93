using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Conformance;

public sealed class ChangeStreamTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private static ChangeStreamOptions Options(Action<ChangeStreamOptions>? configure = null)
    {
        var options = new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return options;
    }

    private static async Task<List<ChangeStreamDocument<BsonDocument>>> ReadAsync(
        IChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor, int count)
    {
        var events = new List<ChangeStreamDocument<BsonDocument>>();
        using var deadline = new CancellationTokenSource(Bound);
        while (events.Count < count && await cursor.MoveNextAsync(deadline.Token))
        {
            events.AddRange(cursor.Current);
        }

        return events;
    }

    [Fact]
    public async Task Watch_should_report_insert_update_replace_delete_in_order()
    {
        var collection = target.NewCollection();
        using var cursor = await collection.WatchAsync(
            Options(o => o.FullDocument = ChangeStreamFullDocumentOption.UpdateLookup));
        var initialToken = cursor.GetResumeToken();

        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 1 } });
        await collection.UpdateOneAsync(new BsonDocument("_id", 1),
            new BsonDocument
            {
                { "$set", new BsonDocument("a", 2) }, { "$unset", new BsonDocument("b", "") },
            });
        await collection.ReplaceOneAsync(new BsonDocument("_id", 1), new BsonDocument("c", 3));
        await collection.DeleteOneAsync(new BsonDocument("_id", 1));
        var events = await ReadAsync(cursor, 4);

        Assert.NotNull(initialToken);
        Assert.Equal(
            [
                ChangeStreamOperationType.Insert, ChangeStreamOperationType.Update,
                ChangeStreamOperationType.Replace, ChangeStreamOperationType.Delete,
            ],
            events.Select(e => e.OperationType));
        Assert.All(events, e => Assert.Equal(1, e.DocumentKey["_id"].AsInt32));
        Assert.Equal(new BsonDocument("a", 2), events[1].UpdateDescription.UpdatedFields);
        Assert.Equal(["b"], events[1].UpdateDescription.RemovedFields);
        Assert.Null(events[3].FullDocument);
        Assert.Equal(3, events[2].FullDocument["c"].AsInt32);
        var times = events.Select(e => e.ClusterTime).ToList();
        Assert.Equal(times.OrderBy(t => t).ToList(), times);
        Assert.Equal(4, times.Distinct().Count());
        var tokens = events.Select(e => e.ResumeToken["_data"].AsString).ToList();
        Assert.Equal(tokens.OrderBy(t => t, StringComparer.Ordinal).ToList(), tokens);
        Assert.All(
            events.Select(e => e.BackingDocument
                .GetValue("updateDescription", new BsonDocument())
                .AsBsonDocument),
            d => Assert.All(
                d.Names,
                n => Assert.Contains(n, new[] { "updatedFields", "removedFields", "truncatedArrays" })));
    }

    [Fact]
    public async Task Update_lookup_should_return_null_when_document_was_deleted_before_reading()
    {
        var collection = target.NewCollection();
        await collection.InsertOneAsync(new BsonDocument("_id", 1));
        using var cursor = await collection.WatchAsync(
            Options(o => o.FullDocument = ChangeStreamFullDocumentOption.UpdateLookup));

        await collection.UpdateOneAsync(
            new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("x", 1)));
        await collection.DeleteOneAsync(new BsonDocument("_id", 1));
        var events = await ReadAsync(cursor, 2);

        Assert.Equal(ChangeStreamOperationType.Update, events[0].OperationType);
        Assert.Null(events[0].FullDocument);
        Assert.Equal(ChangeStreamOperationType.Delete, events[1].OperationType);
    }

    [Fact]
    public async Task Watch_should_not_report_no_op_updates()
    {
        var collection = target.NewCollection();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "x", 1 } });
        using var cursor = await collection.WatchAsync(Options());

        await collection.UpdateOneAsync(
            new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("x", 1)));
        await collection.InsertOneAsync(new BsonDocument("_id", 2));
        var events = await ReadAsync(cursor, 1);

        Assert.Equal(ChangeStreamOperationType.Insert, Assert.Single(events).OperationType);
    }

    [Fact]
    public async Task Get_more_should_wake_as_soon_as_another_client_inserts()
    {
        var collection = target.NewCollection();
        using var other = target.NewClient();
        var otherCollection = other.GetDatabase(collection.Database.DatabaseNamespace.DatabaseName)
            .GetCollection<BsonDocument>(collection.CollectionNamespace.CollectionName);
        using var cursor = await collection.WatchAsync(
            Options(o => o.MaxAwaitTime = TimeSpan.FromSeconds(10)));
        var started = DateTime.UtcNow;

        var pending = cursor.MoveNextAsync(Await.Within(Bound));
        await otherCollection.InsertOneAsync(new BsonDocument("_id", 1));
        var events = new List<ChangeStreamDocument<BsonDocument>>();
        if (await pending) events.AddRange(cursor.Current);
        if (events.Count == 0) events.AddRange(await ReadAsync(cursor, 1));

        Assert.Single(events);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Resume_options_should_deliver_exactly_the_later_events()
    {
        var collection = target.NewCollection();
        using var first = await collection.WatchAsync(Options());
        await collection.InsertManyAsync(new[] { 1, 2 }.Select(i => new BsonDocument("_id", i)));
        var seen = await ReadAsync(first, 2);
        await collection.InsertManyAsync(new[] { 3, 4, 5 }.Select(i => new BsonDocument("_id", i)));

        using var resumed = await collection.WatchAsync(Options(o => o.ResumeAfter = seen[1].ResumeToken));
        using var started = await collection.WatchAsync(Options(o => o.StartAfter = seen[1].ResumeToken));
        using var atTime = await collection.WatchAsync(
            Options(o => o.StartAtOperationTime = seen[0].ClusterTime));

        Assert.Equal([3, 4, 5], (await ReadAsync(resumed, 3)).Select(e => e.DocumentKey["_id"].AsInt32));
        Assert.Equal([3, 4, 5], (await ReadAsync(started, 3)).Select(e => e.DocumentKey["_id"].AsInt32));
        Assert.Equal([1, 2, 3, 4, 5], (await ReadAsync(atTime, 5)).Select(e => e.DocumentKey["_id"].AsInt32));
    }

    [Fact]
    public async Task Match_stage_should_filter_events_while_resume_token_advances()
    {
        var collection = target.NewCollection();
        var pipeline = new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>()
            .Match(new BsonDocument("fullDocument.tenant", "A"));
        using var cursor = await collection.WatchAsync(
            pipeline, Options(o => o.FullDocument = ChangeStreamFullDocumentOption.UpdateLookup));
        var before = cursor.GetResumeToken()["_data"].AsString;

        await collection.InsertManyAsync(
            Enumerable.Range(0, 20).Select(i => new BsonDocument { { "_id", i }, { "tenant", "B" } }));
        // The first MoveNext only consumes the aggregate's batch; the second is a getMore past the noise.
        await cursor.MoveNextAsync(Await.Within(Bound));
        await cursor.MoveNextAsync(Await.Within(Bound));
        var afterNoise = cursor.GetResumeToken()["_data"].AsString;
        await collection.InsertOneAsync(new BsonDocument { { "_id", 100 }, { "tenant", "A" } });
        var events = await ReadAsync(cursor, 1);

        Assert.True(string.CompareOrdinal(afterNoise, before) > 0);
        Assert.Equal(100, Assert.Single(events).DocumentKey["_id"].AsInt32);
    }

    [Fact]
    public async Task Drop_should_produce_drop_then_invalidate_and_start_after_should_continue()
    {
        var collection = target.NewCollection();
        await collection.InsertOneAsync(new BsonDocument("_id", 1));
        using var cursor = await collection.WatchAsync(Options());

        await collection.Database.DropCollectionAsync(collection.CollectionNamespace.CollectionName);
        var events = await ReadAsync(cursor, 2);
        var invalidate = events[1].ResumeToken;
        var error = await Assert.ThrowsAsync<MongoCommandException>(
            () => collection.WatchAsync(Options(o => o.ResumeAfter = invalidate)));
        using var afterDrop = await collection.WatchAsync(Options(o => o.StartAfter = invalidate));
        await collection.InsertOneAsync(new BsonDocument("_id", 2));
        var next = await ReadAsync(afterDrop, 1);

        Assert.Equal(
            [ChangeStreamOperationType.Drop, ChangeStreamOperationType.Invalidate],
            events.Select(e => e.OperationType));
        Assert.False(await cursor.MoveNextAsync(Await.Within(Bound)));
        Assert.Equal(260, error.Code);
        Assert.Equal(2, Assert.Single(next).DocumentKey["_id"].AsInt32);
    }

    [Fact]
    public async Task Watch_should_reject_disallowed_stages_and_removed_id()
    {
        var collection = target.NewCollection();
        var group = new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>()
            .AppendStage<
                ChangeStreamDocument<BsonDocument>,
                ChangeStreamDocument<BsonDocument>,
                ChangeStreamDocument<BsonDocument>>(
                new BsonDocument("$group", new BsonDocument("_id", "$operationType")));
        var noId = new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>()
            .AppendStage<
                ChangeStreamDocument<BsonDocument>,
                ChangeStreamDocument<BsonDocument>,
                ChangeStreamDocument<BsonDocument>>(
                new BsonDocument("$project", new BsonDocument("_id", 0)));

        var groupError = await Assert.ThrowsAsync<MongoCommandException>(
            () => collection.WatchAsync(group, Options()));
        using var cursor = await collection.WatchAsync(noId, Options());
        await collection.InsertOneAsync(new BsonDocument("_id", 1));
        var fatal = await Assert.ThrowsAnyAsync<MongoException>(() => ReadAsync(cursor, 1));

        Assert.Equal(20, groupError.Code);
        Assert.Contains("280", fatal.Message + (fatal as MongoCommandException)?.Code);
    }

    [Fact]
    public async Task Database_and_cluster_streams_should_see_writes_to_any_collection()
    {
        var db = target.NewDatabase();
        using var dbStream = await db.WatchAsync(Options());
        using var clusterStream = await target.Client.WatchAsync(Options());

        await db.GetCollection<BsonDocument>("x").InsertOneAsync(new BsonDocument("_id", 1));
        await db.GetCollection<BsonDocument>("y").InsertOneAsync(new BsonDocument("_id", 2));
        var dbEvents = await ReadAsync(dbStream, 2);
        var clusterEvents = new List<ChangeStreamDocument<BsonDocument>>();
        using var deadline = new CancellationTokenSource(Bound);
        while (clusterEvents.Count(
                   e => e.DatabaseNamespace.DatabaseName == db.DatabaseNamespace.DatabaseName) < 2
            && await clusterStream.MoveNextAsync(deadline.Token))
        {
            clusterEvents.AddRange(clusterStream.Current);
        }

        Assert.Equal(["x", "y"], dbEvents.Select(e => e.CollectionNamespace.CollectionName));
        Assert.Equal(
            2,
            clusterEvents.Count(e => e.DatabaseNamespace.DatabaseName == db.DatabaseNamespace.DatabaseName));
    }

    [Fact]
    public async Task Events_should_keep_the_documents_they_carried_when_later_updates_have_the_same_size()
    {
        var collection = target.NewCollection();
        using var stream = await collection.WatchAsync(
            new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(100) });

        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "v", "a" } });
        var one = new BsonDocument("_id", 1);
        await collection.ReplaceOneAsync(one, new BsonDocument { { "_id", 1 }, { "v", "b" } });
        await collection.UpdateOneAsync(one, new BsonDocument("$set", new BsonDocument("v", "c")));
        await collection.UpdateOneAsync(one, new BsonDocument("$set", new BsonDocument("v", "d")));
        var events = new List<ChangeStreamDocument<BsonDocument>>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (events.Count < 4 && await stream.MoveNextAsync(deadline.Token)) events.AddRange(stream.Current);

        Assert.Equal("a", events[0].FullDocument["v"].AsString);
        Assert.Equal("b", events[1].FullDocument["v"].AsString);
        Assert.Equal("c", events[2].UpdateDescription.UpdatedFields["v"].AsString);
        Assert.Equal("d", (await collection.Find(new BsonDocument("_id", 1)).SingleAsync())["v"].AsString);
    }
}
