using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;
using static HaScheduler.MongoEmulator.Tests.Engine.UpdateTestSupport;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class UpsertSeedTests
{
    private static BsonDocument Seed(string filter) =>
        UpsertSeed.From(QueryFilter.Parse(BsonDocument.Parse(filter)));

    [Theory]
    [InlineData("{k: 'a', n: {$gt: 1}}", "{k: 'a'}")]
    [InlineData("{k: {$eq: 'a'}}", "{k: 'a'}")]
    [InlineData("{$and: [{k: 'a'}, {m: 2}]}", "{k: 'a', m: 2}")]
    [InlineData("{$and: [{$and: [{k: 'a'}]}, {n: {$lt: 3}}]}", "{k: 'a'}")]
    [InlineData("{'a.b': 1, 'a.c': 2}", "{a: {b: 1, c: 2}}")]
    [InlineData("{k: 1, _id: 5}", "{_id: 5, k: 1}")]
    [InlineData("{k: {$in: [1, 2]}, j: /x/}", "{}")]
    [InlineData("{$or: [{k: 1}, {k: 2}]}", "{}")]
    [InlineData("{k: {$eq: 1, $exists: true}}", "{k: 1}")]
    [InlineData("{k: {a: 1}}", "{k: {a: 1}}")]
    [InlineData("{$expr: {$eq: ['$k', 1]}}", "{}")]
    [InlineData("{}", "{}")]
    public void From_should_copy_only_equality_predicates(string filter, string expected)
    {
        var seed = Seed(filter);

        Assert.Equal(BsonDocument.Parse(expected).ToJson(), seed.ToJson());
    }

    [Fact]
    public void From_should_reject_conflicting_equalities_on_overlapping_paths()
    {
        var filter = QueryFilter.Parse(BsonDocument.Parse("{a: 1, 'a.b': 2}"));

        var error = Assert.Throws<MongoCommandError>(() => UpsertSeed.From(filter));

        Assert.Equal(54, error.Code);
    }

    [Fact]
    public void Upsert_should_follow_spec_case_14_when_seed_is_updated_and_then_matched()
    {
        var created = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var filter = QueryFilter.Parse(BsonDocument.Parse("{k: 'a', n: {$gt: 1}}"));
        var insert = new BsonDocument
        {
            { "$set", new BsonDocument("x", 1) },
            { "$setOnInsert", new BsonDocument("created", created) },
        };
        var second = new BsonDocument
        {
            { "$set", new BsonDocument("x", 2) },
            { "$setOnInsert", new BsonDocument("created", created.AddDays(1)) },
        };

        var stored = UpdateSpec.Parse(insert).Apply(UpsertSeed.From(filter), UpsertInsert).Document;
        var matched = UpdateSpec.Parse(second).Apply(stored, Update);

        // New fields are appended in lexicographic order (MongoDB 5.0+), so created precedes x.
        Assert.Equal(new BsonDocument { { "k", "a" }, { "created", created }, { "x", 1 } }, stored);
        Assert.False(stored.Contains("n"));
        Assert.True(matched.Modified);
        Assert.Equal(2, matched.Document["x"].AsInt32);
        Assert.Equal(new BsonDateTime(created), matched.Document["created"]);
    }

    [Fact]
    public void From_should_not_alias_filter_values()
    {
        var filter = QueryFilter.Parse(BsonDocument.Parse("{k: {a: 1}}"));

        var seed = UpsertSeed.From(filter);
        seed["k"]["a"] = 2;

        Assert.Equal(1, filter.Equalities[0].Value["a"].AsInt32);
    }
}
