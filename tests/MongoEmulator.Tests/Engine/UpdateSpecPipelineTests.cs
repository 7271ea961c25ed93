using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;
using static HaScheduler.MongoEmulator.Tests.Engine.UpdateTestSupport;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class UpdateSpecPipelineTests
{
    [Fact]
    public void Apply_should_set_context_now_when_pipeline_uses_now()
    {
        var outcome = Apply("[{$set: {updatedAt: '$$NOW'}}]", "{_id: 1}");

        Assert.Equal(new BsonDateTime(Now), outcome.Document["updatedAt"]);
        Assert.True(outcome.Modified);
    }

    [Fact]
    public void Apply_should_give_every_document_the_same_now_when_one_context_is_shared()
    {
        var spec = UpdateSpec.Parse(BsonSerializerHelpers.ParseArray("[{$set: {updatedAt: '$$NOW'}}]"));

        var values = Enumerable.Range(0, 3)
            .Select(i => spec.Apply(new BsonDocument("_id", i), Update).Document["updatedAt"])
            .ToList();

        Assert.All(values, v => Assert.Equal(new BsonDateTime(Now), v));
    }

    [Fact]
    public void Apply_should_compute_lease_expiry_when_adding_milliseconds_to_now()
    {
        var outcome = Apply("[{$set: {lease: {owner: 'n1', expires_at: {$add: ['$$NOW', 5000]}}}}]", "{_id: 1}");

        Assert.Equal("n1", outcome.Document["lease"]["owner"].AsString);
        Assert.Equal(new BsonDateTime(Now.AddMilliseconds(5000)), outcome.Document["lease"]["expires_at"]);
    }

    [Fact]
    public void Apply_should_set_cluster_time_when_pipeline_uses_cluster_time()
    {
        var outcome = Apply("[{$addFields: {ts: '$$CLUSTER_TIME'}}]", "{_id: 1}");

        Assert.Equal(ClusterTime, outcome.Document["ts"]);
    }

    [Theory]
    [InlineData("[{$set: {b: '$a'}}]", "{_id: 1, a: 5}", "{_id: 1, a: 5, b: 5}")]
    [InlineData("[{$set: {'x.y': 1}}]", "{_id: 1, x: {z: 0}}", "{_id: 1, x: {z: 0, y: 1}}")]
    [InlineData("[{$set: {x: {y: 1}}}]", "{_id: 1, x: {z: 0}}", "{_id: 1, x: {z: 0, y: 1}}")]
    [InlineData("[{$set: {'x.y': 1}}]", "{_id: 1, x: 5}", "{_id: 1, x: {y: 1}}")]
    [InlineData("[{$set: {a: '$$REMOVE'}}]", "{_id: 1, a: 5}", "{_id: 1}")]
    [InlineData("[{$set: {n: {$cond: [{$gt: ['$n', 5]}, 0, {$add: ['$n', 1]}]}}}]", "{_id: 1, n: 6}",
        "{_id: 1, n: 0}")]
    [InlineData("[{$unset: ['a', 'b']}]", "{_id: 1, a: 1, b: 2, c: 3}", "{_id: 1, c: 3}")]
    [InlineData("[{$project: {a: 1}}]", "{_id: 1, a: 1, b: 2}", "{_id: 1, a: 1}")]
    [InlineData("[{$replaceWith: {k: '$a'}}]", "{_id: 1, a: 2}", "{_id: 1, k: 2}")]
    [InlineData("[{$replaceRoot: {newRoot: '$sub'}}]", "{_id: 1, sub: {q: 1}}", "{_id: 1, q: 1}")]
    [InlineData("[{$set: {a: 1}}, {$set: {b: {$add: ['$a', 1]}}}]", "{_id: 1}", "{_id: 1, a: 1, b: 2}")]
    public void Apply_should_run_stages_in_order_when_update_is_a_pipeline(
        string update, string document, string expected)
    {
        var outcome = Apply(update, document);

        Assert.Equal(BsonDocument.Parse(expected).ToJson(), outcome.Document.ToJson());
    }

    [Fact]
    public void Apply_should_build_on_seed_when_pipeline_runs_for_an_upsert_insert()
    {
        var seed = UpsertSeed.From(QueryFilter.Parse(BsonDocument.Parse("{k: 'a'}")));
        var spec = UpdateSpec.Parse(BsonSerializerHelpers.ParseArray("[{$set: {at: '$$NOW'}}]"));

        var outcome = spec.Apply(seed, UpsertInsert);

        Assert.Equal("a", outcome.Document["k"].AsString);
        Assert.Equal(new BsonDateTime(Now), outcome.Document["at"]);
    }

    [Fact]
    public void Apply_should_throw_immutable_field_when_pipeline_changes_id()
    {
        var error = Assert.Throws<MongoCommandError>(() => Apply("[{$set: {_id: 2}}]", "{_id: 1}"));

        Assert.Equal(66, error.Code);
    }

    [Theory]
    [InlineData("[{$match: {a: 1}}]", "$match")]
    [InlineData("[{$group: {_id: null}}]", "$group")]
    [InlineData("[{$limit: 1}]", "$limit")]
    public void Parse_should_reject_stages_not_allowed_in_updates(string update, string stage)
    {
        var error = Assert.Throws<MongoCommandError>(() => UpdateSpec.Parse(Parse(update)));

        Assert.Equal(72, error.Code);
        Assert.Contains(stage, error.Message);
    }

    [Fact]
    public void Parse_should_reject_unknown_expression_when_pipeline_uses_one()
    {
        var error = Assert.Throws<MongoCommandError>(() => UpdateSpec.Parse(Parse("[{$set: {a: {$bogus: 1}}}]")));

        Assert.Equal(168, error.Code);
        Assert.Contains("$bogus", error.Message);
    }
}
