using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;
using static HaScheduler.MongoEmulator.Tests.Engine.UpdateTestSupport;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class UpdateSpecChangeTests
{
    [Theory]
    [InlineData("{$set: {a: 1}}", "{_id: 1, a: 1}")]
    [InlineData("{$unset: {b: 1}}", "{_id: 1, a: 1}")]
    [InlineData("{$addToSet: {a: 1}}", "{_id: 1, a: [1]}")]
    [InlineData("{$pull: {a: 5}}", "{_id: 1, a: [1]}")]
    [InlineData("{$max: {a: 0}}", "{_id: 1, a: 1}")]
    [InlineData("{$inc: {a: 0}}", "{_id: 1, a: 1}")]
    [InlineData("{$setOnInsert: {a: 5}}", "{_id: 1}")]
    [InlineData("{$rename: {x: 'y'}}", "{_id: 1}")]
    [InlineData("{a: 1}", "{_id: 1, a: 1}")]
    [InlineData("[{$set: {a: 1}}]", "{_id: 1, a: 1}")]
    public void Apply_should_report_not_modified_when_document_is_unchanged(string update, string document)
    {
        var outcome = Apply(update, document);

        Assert.False(outcome.Modified);
        Assert.Empty(outcome.UpdatedFields);
        Assert.Empty(outcome.RemovedFields);
    }

    [Theory]
    [InlineData("{$set: {a: 1.0}}", "{_id: 1, a: 1}")]
    [InlineData("{$set: {a: NumberLong(1)}}", "{_id: 1, a: 1}")]
    [InlineData("{$set: {a: {y: 1, x: 1}}}", "{_id: 1, a: {x: 1, y: 1}}")]
    [InlineData("{$set: {a: null}}", "{_id: 1}")]
    public void Apply_should_report_modified_when_value_changes_type_or_field_order(string update, string document)
    {
        var outcome = Apply(update, document);

        Assert.True(outcome.Modified);
    }

    [Theory]
    [InlineData("{$set: {a: 2}}", "{_id: 1, a: 1}", "{a: 2}", "")]
    [InlineData("{$set: {'a.b': 2}}", "{_id: 1, a: {b: 1, c: 1}}", "{'a.b': 2}", "")]
    [InlineData("{$set: {'a.b.c': 2}}", "{_id: 1}", "{a: {b: {c: 2}}}", "")]
    [InlineData("{$set: {'a.b.c': 2}}", "{_id: 1, a: {}}", "{'a.b': {c: 2}}", "")]
    [InlineData("{$unset: {a: 1, b: 1}}", "{_id: 1, a: 1, b: 2}", "{}", "a,b")]
    [InlineData("{$unset: {'a.b': 1}}", "{_id: 1, a: {b: 1}}", "{}", "a.b")]
    [InlineData("{$push: {arr: 3}}", "{_id: 1, arr: [1, 2]}", "{'arr.2': 3}", "")]
    [InlineData("{$push: {arr: {$each: [3, 4]}}}", "{_id: 1, arr: [1]}", "{'arr.1': 3, 'arr.2': 4}", "")]
    [InlineData("{$push: {arr: 3}}", "{_id: 1}", "{arr: [3]}", "")]
    [InlineData("{$pull: {arr: 1}}", "{_id: 1, arr: [1, 2]}", "{arr: [2]}", "")]
    [InlineData("{$rename: {a: 'b'}}", "{_id: 1, a: 1}", "{b: 1}", "a")]
    [InlineData("{$inc: {n: 1}, $unset: {x: 1}}", "{_id: 1, n: 1, x: 0}", "{n: 2}", "x")]
    [InlineData("{$set: {'arr.1': 9}}", "{_id: 1, arr: [1, 2]}", "{'arr.1': 9}", "")]
    public void Apply_should_report_updated_and_removed_fields_like_change_events(
        string update, string document, string updated, string removed)
    {
        var outcome = Apply(update, document);

        Assert.True(outcome.Modified);
        Assert.Equal(BsonDocument.Parse(updated), outcome.UpdatedFields);
        Assert.Equal(removed.Length == 0 ? [] : removed.Split(','), outcome.RemovedFields);
    }

    [Fact]
    public void Apply_should_report_top_level_diff_when_update_is_a_replacement()
    {
        var outcome = Apply("{a: 1, c: {x: 1}}", "{_id: 1, a: 1, b: 2, c: {x: 0}}");

        Assert.Equal(BsonDocument.Parse("{c: {x: 1}}"), outcome.UpdatedFields);
        Assert.Equal(["b"], outcome.RemovedFields);
    }

    [Fact]
    public void Apply_should_report_top_level_diff_when_update_is_a_pipeline()
    {
        var outcome = Apply("[{$set: {n: {$add: ['$n', 1]}}}, {$unset: 'old'}]", "{_id: 1, n: 1, old: true}");

        Assert.Equal(BsonDocument.Parse("{n: 2}"), outcome.UpdatedFields);
        Assert.Equal(["old"], outcome.RemovedFields);
    }
}
