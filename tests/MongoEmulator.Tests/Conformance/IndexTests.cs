using HaScheduler.MongoEmulator.Tests.Infrastructure;
using HaScheduler.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Conformance;

public sealed class IndexTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    [Fact]
    public async Task CreateOne_should_be_idempotent_and_list_id_index_first()
    {
        var collection = target.NewCollection();
        var model = new CreateIndexModel<BsonDocument>(
            new BsonDocument("email", 1), new CreateIndexOptions { Unique = true });

        await collection.Indexes.CreateOneAsync(model);
        await collection.Indexes.CreateOneAsync(model);
        var indexes = await (await collection.Indexes.ListAsync()).ToListAsync();

        Assert.Equal(["_id_", "email_1"], indexes.Select(i => i["name"].AsString));
        Assert.True(indexes[1]["unique"].ToBoolean());
    }

    [Fact]
    public async Task CreateOne_should_conflict_when_name_is_reused_for_another_key()
    {
        var collection = target.NewCollection();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("a", 1),
            new CreateIndexOptions { Name = "idx" }));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => collection.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(
                new BsonDocument("b", 1), new CreateIndexOptions { Name = "idx" })));

        Assert.Contains(error.Code, new[] { 85, 86 });
    }

    [Fact]
    public async Task ListIndexes_and_drop_should_tolerate_missing_collections()
    {
        var collection = target.NewCollection();

        var indexes = await (await collection.Indexes.ListAsync()).ToListAsync();
        await collection.Database.DropCollectionAsync(collection.CollectionNamespace.CollectionName);

        Assert.Empty(indexes);
    }

    [Fact]
    public async Task Unique_index_build_should_fail_over_existing_duplicates()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "k", 1 } }, new BsonDocument { { "_id", 2 }, { "k", 1 } },
        ]);

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => collection.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(
                new BsonDocument("k", 1), new CreateIndexOptions { Unique = true })));

        Assert.Equal(11000, error.Code);
    }

    [Fact]
    public async Task Range_query_should_use_index_and_return_matches()
    {
        var collection = target.NewCollection();
        await collection.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(new BsonDocument("n", -1)));
        await collection.InsertManyAsync(
            Enumerable.Range(0, 50).Select(i => new BsonDocument { { "_id", i }, { "n", i } }));

        var found = await collection
            .Find(new BsonDocument("n", new BsonDocument { { "$gte", 10 }, { "$lt", 13 } }))
            .Sort(new BsonDocument("n", 1)).ToListAsync();

        Assert.Equal([10, 11, 12], found.Select(d => d["n"].AsInt32));
    }

    [Fact]
    public async Task Ttl_index_should_remove_expired_documents_with_delete_events()
    {
        var collection = target.NewCollection();
        using var stream = await collection.WatchAsync();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("at", 1),
            new CreateIndexOptions { ExpireAfter = TimeSpan.Zero }));

        await collection.InsertOneAsync(
            new BsonDocument { { "_id", 1 }, { "at", DateTime.UtcNow.AddMinutes(-1) } });
        await collection.InsertOneAsync(
            new BsonDocument { { "_id", 2 }, { "at", DateTime.UtcNow.AddHours(1) } });

        // MongoDB's TTL monitor runs every 60 s; the emulator's every second.
        await Eventually.TrueAsync(
            async () => await collection.CountDocumentsAsync(new BsonDocument("_id", 1)) == 0,
            TimeSpan.FromSeconds(90),
            "TTL removal");
        var operations = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!operations.Contains("delete") && await stream.MoveNextAsync(deadline.Token))
        {
            operations.AddRange(stream.Current.Select(e => e.OperationType.ToString().ToLowerInvariant()));
        }

        Assert.Equal(1, await collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
        Assert.Contains("delete", operations);
    }

    [Fact]
    public async Task Ttl_index_should_remove_every_expired_document_past_a_batch_and_only_those()
    {
        var collection = target.NewCollection();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("at", 1),
            new CreateIndexOptions { ExpireAfter = TimeSpan.FromMinutes(10) }));
        var past = DateTime.UtcNow.AddMinutes(-11);
        var future = DateTime.UtcNow.AddMinutes(-9);

        // More expired documents than the emulator deletes per lock hold, then the ones that must stay: not yet
        // expired, no date, a non-date value, and an array whose earliest date has not expired.
        var expired = Enumerable.Range(0, 2_500)
            .Select(i => new BsonDocument { { "_id", i }, { "at", past.AddMilliseconds(-i) } });
        await collection.InsertManyAsync(expired);
        await collection.InsertManyAsync(
        [
            new BsonDocument { { "_id", "future" }, { "at", future } },
            new BsonDocument { { "_id", "missing" } },
            new BsonDocument { { "_id", "string" }, { "at", "2000-01-01" } },
            new BsonDocument { { "_id", "array-expired" }, { "at", new BsonArray { future, past } } },
            new BsonDocument { { "_id", "array-live" }, { "at", new BsonArray { future, 5 } } },
        ]);

        await Eventually.TrueAsync(
            async () => await collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty) == 4,
            TimeSpan.FromSeconds(90),
            "TTL removal of 2,501 documents");
        var left = await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(
            ["array-live", "future", "missing", "string"],
            left.Select(d => d["_id"].AsString).Order());
    }

    [Fact]
    public async Task Partial_ttl_index_should_remove_only_documents_its_filter_selects()
    {
        var collection = target.NewCollection();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("at", 1),
            new CreateIndexOptions<BsonDocument>
            {
                ExpireAfter = TimeSpan.Zero,
                PartialFilterExpression = new BsonDocument("kind", "temporary"),
            }));
        var past = DateTime.UtcNow.AddMinutes(-1);
        await collection.InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "kind", "temporary" }, { "at", past } },
            new BsonDocument { { "_id", 2 }, { "kind", "kept" }, { "at", past } },
        ]);

        await Eventually.TrueAsync(
            async () => await collection.CountDocumentsAsync(new BsonDocument("_id", 1)) == 0,
            TimeSpan.FromSeconds(90),
            "TTL removal of the selected document");
        Assert.Equal(1, await collection.CountDocumentsAsync(new BsonDocument("_id", 2)));
    }

    [Fact]
    public async Task Partial_index_should_answer_queries_it_covers_and_leave_others_to_a_scan()
    {
        var collection = target.NewCollection();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            new BsonDocument { { "status", 1 }, { "at", 1 } },
            new CreateIndexOptions<BsonDocument> { PartialFilterExpression = new BsonDocument("status", "claimed") }));
        await collection.InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "status", "claimed" }, { "at", 1 } },
            new BsonDocument { { "_id", 2 }, { "status", "claimed" }, { "at", 9 } },
            new BsonDocument { { "_id", 3 }, { "status", "fired" }, { "at", 1 } },
        ]);
        await collection.UpdateOneAsync(
            new BsonDocument("_id", 2), new BsonDocument("$set", new BsonDocument("status", "fired")));

        var covered = new BsonDocument { { "status", "claimed" }, { "at", new BsonDocument("$lte", 5) } };
        var claimed = await collection.Find(covered).ToListAsync();
        var early = await collection.Find(new BsonDocument("at", new BsonDocument("$lte", 5))).ToListAsync();
        var fired = await collection.Find(new BsonDocument("status", "fired")).ToListAsync();

        Assert.Equal([1], claimed.Select(d => d["_id"].AsInt32));
        Assert.Equal([1, 3], early.Select(d => d["_id"].AsInt32).Order());
        Assert.Equal([2, 3], fired.Select(d => d["_id"].AsInt32).Order());
    }
}
