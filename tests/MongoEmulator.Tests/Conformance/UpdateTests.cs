using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Conformance;

public sealed class UpdateTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    [Fact]
    public async Task UpdateOne_should_report_no_modification_when_value_is_unchanged()
    {
        var collection = target.NewCollection();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "x", 1 } });

        var result = await collection.UpdateOneAsync(new BsonDocument("_id", 1),
            new BsonDocument("$set", new BsonDocument("x", 1)));

        Assert.Equal(1, result.MatchedCount);
        Assert.True(result.IsModifiedCountAvailable);
        Assert.Equal(0, result.ModifiedCount);
    }

    [Fact]
    public async Task UpdateOne_should_seed_upsert_from_equalities_only()
    {
        var collection = target.NewCollection();
        var filter = new BsonDocument { { "k", "a" }, { "n", new BsonDocument("$gt", 1) } };
        var created = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var update = new BsonDocument
        {
            { "$set", new BsonDocument("x", 1) },
            { "$setOnInsert", new BsonDocument("created", created) },
        };

        var inserted = await collection.UpdateOneAsync(filter, update, new UpdateOptions { IsUpsert = true });
        update["$set"]["x"] = 2;
        update["$setOnInsert"]["created"] = created.AddDays(1);
        var updated = await collection.UpdateOneAsync(new BsonDocument("k", "a"), update,
            new UpdateOptions { IsUpsert = true });
        var stored = await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();

        Assert.True(inserted.UpsertedId!.IsObjectId);
        Assert.Equal(0, inserted.MatchedCount);
        Assert.Equal(1, updated.MatchedCount);
        Assert.Equal(1, updated.ModifiedCount);
        Assert.Null(updated.UpsertedId);
        Assert.Equal("a", stored["k"].AsString);
        Assert.Equal(2, stored["x"].AsInt32);
        Assert.Equal(created, stored["created"].ToUniversalTime());
        Assert.False(stored.Contains("n"));
    }

    [Fact]
    public async Task Update_errors_should_surface_codes_14_66_and_40()
    {
        var collection = target.NewCollection();
        await collection.InsertOneAsync(
            new BsonDocument { { "_id", 1 }, { "s", "text" }, { "i", int.MaxValue } });
        var byId = new BsonDocument("_id", 1);

        var typeMismatch = await Assert.ThrowsAsync<MongoWriteException>(() => collection.UpdateOneAsync(byId,
            new BsonDocument("$inc", new BsonDocument("s", 1))));
        var immutable = await Assert.ThrowsAsync<MongoWriteException>(() => collection.UpdateOneAsync(byId,
            new BsonDocument("$set", new BsonDocument("_id", 2))));
        var conflicting = await Assert.ThrowsAsync<MongoWriteException>(() => collection.UpdateOneAsync(byId,
            new BsonDocument { { "$set", new BsonDocument("i", 1) }, { "$inc", new BsonDocument("i", 1) } }));
        await collection.UpdateOneAsync(
            byId, new BsonDocument("$inc", new BsonDocument { { "i", 1 }, { "new", 1 } }));
        var stored = await collection.Find(byId).SingleAsync();

        Assert.Equal(14, typeMismatch.WriteError.Code);
        Assert.Equal(66, immutable.WriteError.Code);
        Assert.Equal(40, conflicting.WriteError.Code);
        Assert.Equal(BsonType.Int64, stored["i"].BsonType);
        Assert.Equal(1, stored["new"].AsInt32);
    }

    [Fact]
    public async Task ReplaceOne_should_take_id_from_filter_when_upserting()
    {
        var collection = target.NewCollection();

        await collection.ReplaceOneAsync(new BsonDocument("_id", 5), new BsonDocument("v", 1),
            new ReplaceOptions { IsUpsert = true });

        var stored = await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();
        Assert.Equal(new BsonDocument { { "_id", 5 }, { "v", 1 } }, stored);
    }

    [Fact]
    public async Task FindOneAndUpdate_should_return_before_or_after_with_sort_and_projection()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(
            new[] { 3, 1, 2 }.Select(i => new BsonDocument { { "_id", i }, { "v", i } }));
        var inc = new BsonDocument("$inc", new BsonDocument("v", 10));

        var before = await collection.FindOneAndUpdateAsync(FilterDefinition<BsonDocument>.Empty, inc,
            new FindOneAndUpdateOptions<BsonDocument> { Sort = new BsonDocument("_id", 1) });
        var after = await collection.FindOneAndUpdateAsync(FilterDefinition<BsonDocument>.Empty, inc,
            new FindOneAndUpdateOptions<BsonDocument>
            {
                Sort = new BsonDocument("_id", -1), ReturnDocument = ReturnDocument.After,
                Projection = new BsonDocument { { "_id", 0 }, { "v", 1 } },
            });

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "v", 1 } }, before);
        Assert.Equal(new BsonDocument("v", 13), after);
    }

    [Fact]
    public async Task FindOneAndUpdate_should_upsert_with_pipeline_and_expr()
    {
        var collection = target.NewCollection();
        var pipeline = new EmptyPipelineDefinition<BsonDocument>()
            .AppendStage<BsonDocument, BsonDocument, BsonDocument>(
                new BsonDocument("$set", new BsonDocument("at", "$$NOW")));
        var filter = new BsonDocument
        {
            { "_id", "job" }, { "$expr", new BsonDocument("$eq", new BsonArray { 1, 1 }) },
        };

        var missing = await collection.FindOneAndUpdateAsync<BsonDocument>(filter, pipeline,
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true });
        var again = await collection.FindOneAndUpdateAsync<BsonDocument>(filter, pipeline,
            new FindOneAndUpdateOptions<BsonDocument>
            {
                IsUpsert = true, ReturnDocument = ReturnDocument.After,
            });

        Assert.Null(missing);
        Assert.Equal("job", again["_id"].AsString);
        Assert.InRange(
            again["at"].ToUniversalTime(), DateTime.UtcNow.AddSeconds(-5), DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task FindOneAndUpdate_should_throw_command_exception_with_key_value_on_duplicate()
    {
        var collection = target.NewCollection();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            new BsonDocument("email", 1), new CreateIndexOptions { Unique = true }));
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "email", "a@x" } });

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => collection.FindOneAndUpdateAsync(
            new BsonDocument("_id", 2), new BsonDocument("$set", new BsonDocument("email", "a@x")),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true }));

        Assert.Equal(11000, error.Code);
        Assert.Equal("DuplicateKey", error.CodeName);
        Assert.Equal(new BsonDocument("email", "a@x"), error.Result["keyValue"]);
    }

    [Fact]
    public async Task FindOneAndDelete_should_return_deleted_document_or_null()
    {
        var collection = target.NewCollection();
        await collection.InsertOneAsync(new BsonDocument("_id", 1));

        var deleted = await collection.FindOneAndDeleteAsync(new BsonDocument("_id", 1));
        var none = await collection.FindOneAndDeleteAsync(new BsonDocument("_id", 1));

        Assert.Equal(new BsonDocument("_id", 1), deleted);
        Assert.Null(none);
    }

    [Fact]
    public async Task UpdateMany_should_use_one_now_value_for_every_document()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(Enumerable.Range(0, 3).Select(i => new BsonDocument("_id", i)));
        var pipeline = new EmptyPipelineDefinition<BsonDocument>()
            .AppendStage<BsonDocument, BsonDocument, BsonDocument>(
                new BsonDocument("$set", new BsonDocument("updatedAt", "$$NOW")));

        await collection.UpdateManyAsync(FilterDefinition<BsonDocument>.Empty, pipeline);

        var stamps = (await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync())
            .Select(d => d["updatedAt"]).ToList();
        Assert.All(stamps, s => Assert.Equal(BsonType.DateTime, s.BsonType));
        Assert.Single(stamps.Distinct());
    }

    [Fact]
    public async Task Update_nesting_a_document_too_deep_should_fail_and_leave_document_and_indexes_as_they_were()
    {
        var collection = target.NewCollection();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("tag", 1)));
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "tag", "before" } });

        // Each half is within the wire's nesting limit; together they exceed the 100 levels a document may have.
        var path = string.Join('.', Enumerable.Range(0, 60).Select(i => $"p{i}"));
        BsonValue deep = 1;
        for (var i = 0; i < 50; i++) deep = new BsonDocument("d", deep);
        var update = new BsonDocument("$set", new BsonDocument { { path, deep }, { "tag", "after" } });

        var error = await Record.ExceptionAsync(() => collection.UpdateOneAsync(new BsonDocument("_id", 1), update));

        Assert.True(error is MongoWriteException or MongoCommandException, $"unexpected {error}");
        var stored = await collection.Find(new BsonDocument("tag", "before")).SingleAsync();
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "tag", "before" } }, stored);
        Assert.Equal(0, await collection.CountDocumentsAsync(new BsonDocument("tag", "after")));
    }

    [Fact]
    public async Task Document_nested_99_levels_should_be_stored_read_back_and_reported_to_change_streams()
    {
        var collection = target.NewCollection();
        using var stream = await collection.WatchAsync(
            new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(100) });
        var document = new BsonDocument { { "_id", 1 }, { "x", Nested(97) } };

        await collection.InsertOneAsync(document);
        var stored = await collection.Find(new BsonDocument("_id", 1)).SingleAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var events = new List<ChangeStreamDocument<BsonDocument>>();
        while (events.Count == 0 && await stream.MoveNextAsync(deadline.Token)) events.AddRange(stream.Current);

        Assert.Equal(document, stored);
        Assert.Equal(document, events.Single().FullDocument);
    }

    [Fact]
    public async Task Bad_limit_flag_or_array_filter_should_fail_the_whole_write_command_and_change_nothing()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(Enumerable.Range(1, 3).Select(i => new BsonDocument { { "_id", i } }));
        var database = collection.Database;
        var name = collection.CollectionNamespace.CollectionName;
        BsonDocument Delete(BsonDocument statement) =>
            new() { { "delete", name }, { "deletes", new BsonArray { statement } } };
        BsonDocument Update(BsonDocument statement) =>
            new() { { "update", name }, { "updates", new BsonArray { statement } } };
        var set = new BsonDocument("$set", new BsonDocument("y", 1));
        BsonDocument[] commands =
        [
            Delete(new BsonDocument { { "q", new BsonDocument() }, { "limit", 5 } }),
            Delete(new BsonDocument { { "q", new BsonDocument() }, { "limit", true } }),
            Delete(new BsonDocument("q", new BsonDocument())),
            Update(new BsonDocument { { "q", new BsonDocument() }, { "u", set }, { "multi", "yes" } }),
            Update(new BsonDocument { { "q", new BsonDocument() }, { "u", set }, { "arrayFilters", "x" } }),
            Update(new BsonDocument
            {
                { "q", new BsonDocument() }, { "u", set }, { "multi", true },
                { "arrayFilters", new BsonArray { new BsonDocument("e", 1) } },
            }),
        ];

        foreach (var command in commands)
        {
            await Assert.ThrowsAsync<MongoCommandException>(() => database.RunCommandAsync<BsonDocument>(command));
        }

        var left = await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(3, left.Count);
        Assert.All(left, d => Assert.False(d.Contains("y")));
    }

    private static BsonDocument Nested(int depth)
    {
        var document = new BsonDocument("leaf", 1);
        for (var i = 0; i < depth; i++) document = new BsonDocument("a", document);
        return document;
    }
}
