using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Conformance;

public sealed class CrudTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    private static readonly Guid SampleGuid = Guid.Parse("6f1c1a52-5e4b-4c1e-9d2a-0a1b2c3d4e5f");

    [Fact]
    public async Task InsertOne_should_round_trip_types_and_field_order()
    {
        var collection = target.NewCollection();
        var document = new BsonDocument
        {
            { "_id", 1 }, { "i", 5 }, { "l", 5L }, { "d", 1.5 }, { "m", new Decimal128(1.25m) },
            { "t", new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc) },
            { "u", new BsonBinaryData(SampleGuid, GuidRepresentation.Standard) },
            { "n", new BsonDocument("x", "y") }, { "a", new BsonArray { 1, "two", 3.0 } },
        };

        await collection.InsertOneAsync(document);
        var found = await collection.Find(new BsonDocument("_id", 1)).FirstAsync();

        Assert.Equal(document, found);
        Assert.Equal(document.Names, found.Names);
    }

    [Fact]
    public async Task InsertOne_should_report_duplicate_key_when_id_repeats()
    {
        var collection = target.NewCollection();
        await collection.InsertOneAsync(new BsonDocument("_id", 1));

        var error = await Assert.ThrowsAsync<MongoWriteException>(
            () => collection.InsertOneAsync(new BsonDocument("_id", 1)));

        Assert.Equal(ServerErrorCategory.DuplicateKey, error.WriteError.Category);
        Assert.Equal(11000, error.WriteError.Code);
        var ns = collection.CollectionNamespace.FullName;
        Assert.StartsWith(
            $"E11000 duplicate key error collection: {ns} index: _id_", error.WriteError.Message);
    }

    [Fact]
    public async Task Unique_index_should_reject_second_missing_field_unless_sparse()
    {
        var plain = target.NewCollection();
        var sparse = target.NewCollection();
        await plain.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            new BsonDocument("email", 1), new CreateIndexOptions { Unique = true }));
        await sparse.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            new BsonDocument("email", 1), new CreateIndexOptions { Unique = true, Sparse = true }));
        await plain.InsertOneAsync(new BsonDocument("_id", 1));
        await sparse.InsertOneAsync(new BsonDocument("_id", 1));

        var error = await Assert.ThrowsAsync<MongoWriteException>(
            () => plain.InsertOneAsync(new BsonDocument("_id", 2)));
        await sparse.InsertOneAsync(new BsonDocument("_id", 2));

        Assert.Equal(ServerErrorCategory.DuplicateKey, error.WriteError.Category);
        Assert.Contains("index: email_1 dup key: { email: null }", error.WriteError.Message);
        Assert.Equal(2, await sparse.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task Unique_index_should_treat_equal_numbers_of_different_types_as_duplicates()
    {
        var collection = target.NewCollection();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            new BsonDocument("k", 1), new CreateIndexOptions { Unique = true }));
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "k", 1 } });

        var error = await Assert.ThrowsAsync<MongoWriteException>(
            () => collection.InsertOneAsync(
                new BsonDocument { { "_id", 2 }, { "k", new BsonArray { 5, 1.0 } } }));

        Assert.Equal(11000, error.WriteError.Code);
    }

    [Fact]
    public async Task InsertMany_should_stop_at_first_error_when_ordered()
    {
        var collection = target.NewCollection();
        var documents = new[] { 1, 2, 1, 3, 4 }.Select(i => new BsonDocument("_id", i)).ToList();

        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(
            () => collection.InsertManyAsync(documents.Select(d => d.DeepClone().AsBsonDocument)));

        Assert.Equal(2, Assert.Single(error.WriteErrors).Index);
        Assert.Equal(2, error.Result.InsertedCount);
        Assert.Equal(2, error.UnprocessedRequests.Count);
    }

    [Fact]
    public async Task InsertMany_should_continue_after_errors_when_unordered()
    {
        var collection = target.NewCollection();
        var documents = new[] { 1, 2, 1, 3, 4 }.Select(i => new BsonDocument("_id", i));

        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(
            () => collection.InsertManyAsync(documents, new InsertManyOptions { IsOrdered = false }));

        Assert.Single(error.WriteErrors);
        Assert.Equal(4, error.Result.InsertedCount);
    }

    [Fact]
    public async Task Find_should_page_through_batches_with_get_more()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(Enumerable.Range(0, 7).Select(i => new BsonDocument("_id", i)));

        var all = await collection.Find(FilterDefinition<BsonDocument>.Empty)
            .Sort(new BsonDocument("_id", 1)).Project(new BsonDocument("_id", 1))
            .ToListAsync();
        using var cursor = await collection.FindAsync(FilterDefinition<BsonDocument>.Empty,
            new FindOptions<BsonDocument> { BatchSize = 2 });
        var paged = new List<BsonDocument>();
        while (await cursor.MoveNextAsync()) paged.AddRange(cursor.Current);

        Assert.Equal(7, all.Count);
        Assert.Equal(7, paged.Count);
    }

    [Fact]
    public async Task Find_should_order_mixed_types_like_bson_comparison()
    {
        var collection = target.NewCollection();
        BsonValue[] values = [BsonNull.Value, 1, 1.5, 2L, "B", "a", "é"];
        await collection.InsertOneAsync(new BsonDocument("_id", 0));
        await collection.InsertManyAsync(
            values.Select((v, i) => new BsonDocument { { "_id", i + 1 }, { "a", v } }));

        var ids = (await collection.Find(FilterDefinition<BsonDocument>.Empty)
                .Sort(new BsonDocument { { "a", 1 }, { "_id", -1 } })
                .ToListAsync())
            .Select(d => d["_id"].AsInt32)
            .ToList();

        Assert.Equal([1, 0, 2, 3, 4, 5, 6, 7], ids);
    }

    [Fact]
    public async Task Find_should_apply_filter_skip_and_limit()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(
            Enumerable.Range(0, 20).Select(i => new BsonDocument { { "_id", i }, { "g", i % 2 } }));

        var found = await collection.Find(new BsonDocument("g", 0)).Sort(new BsonDocument("_id", 1))
            .Skip(2).Limit(3).ToListAsync();

        Assert.Equal([4, 6, 8], found.Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task CountDocuments_should_honour_skip_and_limit_and_missing_collections()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(Enumerable.Range(0, 10).Select(i => new BsonDocument("_id", i)));

        var limited = await collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty,
            new CountOptions { Skip = 2, Limit = 3 });
        var missing = await target.NewCollection().CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);
        var estimated = await collection.EstimatedDocumentCountAsync();

        Assert.Equal(3, limited);
        Assert.Equal(0, missing);
        Assert.Equal(10, estimated);
    }

    [Fact]
    public async Task Delete_should_report_deleted_counts()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(
            Enumerable.Range(0, 5).Select(i => new BsonDocument { { "_id", i }, { "k", i < 3 } }));

        var one = await collection.DeleteOneAsync(new BsonDocument("k", true));
        var many = await collection.DeleteManyAsync(new BsonDocument("k", true));
        var none = await collection.DeleteManyAsync(new BsonDocument("k", "nothing"));

        Assert.Equal(1, one.DeletedCount);
        Assert.Equal(2, many.DeletedCount);
        Assert.Equal(0, none.DeletedCount);
    }
}
