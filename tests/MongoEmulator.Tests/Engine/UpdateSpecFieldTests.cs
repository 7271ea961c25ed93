using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;
using static HaScheduler.MongoEmulator.Tests.Engine.UpdateTestSupport;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class UpdateSpecFieldTests
{
    [Theory]
    [InlineData("{$set: {a: 2}}", "{_id: 1, a: 1}", "{_id: 1, a: 2}")]
    [InlineData("{$set: {b: 2}}", "{_id: 1, a: 1}", "{_id: 1, a: 1, b: 2}")]
    [InlineData("{$set: {'a.b': 2}}", "{_id: 1}", "{_id: 1, a: {b: 2}}")]
    [InlineData("{$set: {'a.b': 2}}", "{_id: 1, a: {c: 1}}", "{_id: 1, a: {c: 1, b: 2}}")]
    [InlineData("{$set: {'a.1': 9}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, 9, 3]}")]
    [InlineData("{$set: {'a.4': 9}}", "{_id: 1, a: [1]}", "{_id: 1, a: [1, null, null, null, 9]}")]
    [InlineData("{$set: {'a.0.b': 9}}", "{_id: 1, a: [{b: 1}]}", "{_id: 1, a: [{b: 9}]}")]
    [InlineData("{$set: {z: 1, b: 1, a: 1}}", "{_id: 1, q: 0}", "{_id: 1, q: 0, a: 1, b: 1, z: 1}")]
    [InlineData("{$set: {a: {x: [1]}}}", "{_id: 1, a: 5}", "{_id: 1, a: {x: [1]}}")]
    [InlineData("{$unset: {a: ''}}", "{_id: 1, a: 1, b: 2}", "{_id: 1, b: 2}")]
    [InlineData("{$unset: {'a.b': 1}}", "{_id: 1, a: {b: 1, c: 2}}", "{_id: 1, a: {c: 2}}")]
    [InlineData("{$unset: {'a.1': 1}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [1, null, 3]}")]
    [InlineData("{$rename: {a: 'b'}}", "{_id: 1, a: 1, c: 3}", "{_id: 1, c: 3, b: 1}")]
    [InlineData("{$rename: {a: 'c'}}", "{_id: 1, a: 1, c: 3}", "{_id: 1, c: 1}")]
    [InlineData("{$rename: {'a.b': 'x'}}", "{_id: 1, a: {b: 1}}", "{_id: 1, a: {}, x: 1}")]
    [InlineData("{$rename: {missing: 'x'}}", "{_id: 1}", "{_id: 1}")]
    [InlineData("{$max: {a: 5}}", "{_id: 1, a: 3}", "{_id: 1, a: 5}")]
    [InlineData("{$max: {a: 1}}", "{_id: 1, a: 3}", "{_id: 1, a: 3}")]
    [InlineData("{$max: {a: 'x'}}", "{_id: 1, a: 3}", "{_id: 1, a: 'x'}")]
    [InlineData("{$min: {a: 1}}", "{_id: 1, a: 3}", "{_id: 1, a: 1}")]
    [InlineData("{$min: {a: 1}}", "{_id: 1}", "{_id: 1, a: 1}")]
    [InlineData("{$min: {a: null}}", "{_id: 1, a: 3}", "{_id: 1, a: null}")]
    [InlineData("{$set: {a: 1}, $unset: {b: 1}, $inc: {c: 2}}", "{_id: 1, b: 0}", "{_id: 1, a: 1, c: 2}")]
    [InlineData("{$set: {}}", "{_id: 1, a: 1}", "{_id: 1, a: 1}")]
    public void Apply_should_produce_expected_document_when_field_operators_are_used(
        string update, string document, string expected)
    {
        var outcome = Apply(update, document);

        Assert.Equal(BsonDocument.Parse(expected).ToJson(), outcome.Document.ToJson());
    }

    [Theory]
    [InlineData("{$inc: {a: 1}}", "{a: 1}", "{a: 2}")]
    [InlineData("{$inc: {a: 1}}", "{}", "{a: 1}")]
    [InlineData("{$inc: {a: 2147483647}}", "{a: 1}", "{a: NumberLong(2147483648)}")]
    [InlineData("{$inc: {a: -1}}", "{a: -2147483648}", "{a: NumberLong(-2147483649)}")]
    [InlineData("{$inc: {a: NumberLong(1)}}", "{a: 1}", "{a: NumberLong(2)}")]
    [InlineData("{$inc: {a: 1.5}}", "{a: 1}", "{a: 2.5}")]
    [InlineData("{$inc: {a: 1}}", "{a: 1.5}", "{a: 2.5}")]
    [InlineData("{$inc: {a: NumberDecimal('0.1')}}", "{a: 1}", "{a: NumberDecimal('1.1')}")]
    [InlineData("{$inc: {a: 1}}", "{a: NumberDecimal('0.5')}", "{a: NumberDecimal('1.5')}")]
    [InlineData("{$inc: {'a.b': 5}}", "{}", "{a: {b: 5}}")]
    [InlineData("{$mul: {a: 3}}", "{a: 2}", "{a: 6}")]
    [InlineData("{$mul: {a: 2}}", "{a: 1500000000}", "{a: NumberLong(3000000000)}")]
    [InlineData("{$mul: {a: 2.5}}", "{a: 2}", "{a: 5.0}")]
    [InlineData("{$mul: {a: NumberLong(5)}}", "{}", "{a: NumberLong(0)}")]
    [InlineData("{$mul: {a: 5}}", "{}", "{a: 0}")]
    public void Apply_should_follow_numeric_widening_rules_when_incrementing_or_multiplying(
        string update, string document, string expected)
    {
        var outcome = Apply(update, document);

        Assert.Equal(BsonDocument.Parse(expected).ToJson(), outcome.Document.ToJson());
    }

    [Fact]
    public void Apply_should_widen_int32_overflow_to_int64_when_incrementing_int_max()
    {
        var outcome = Apply("{$inc: {n: 1}}", $"{{n: {int.MaxValue}}}");

        Assert.Equal(BsonType.Int64, outcome.Document["n"].BsonType);
        Assert.Equal(2147483648L, outcome.Document["n"].AsInt64);
    }

    [Fact]
    public void Apply_should_throw_bad_value_when_int64_increment_overflows()
    {
        var error = Assert.Throws<MongoCommandError>(() =>
            Apply("{$inc: {n: NumberLong(1)}}", $"{{n: NumberLong({long.MaxValue})}}"));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public void Apply_should_set_date_when_current_date_is_true()
    {
        var outcome = Apply("{$currentDate: {a: true, b: {$type: 'date'}}}", "{_id: 1}");

        Assert.Equal(new BsonDateTime(Now), outcome.Document["a"]);
        Assert.Equal(new BsonDateTime(Now), outcome.Document["b"]);
    }

    [Fact]
    public void Apply_should_set_cluster_time_when_current_date_asks_for_timestamp()
    {
        var outcome = Apply("{$currentDate: {t: {$type: 'timestamp'}}}", "{_id: 1}");

        Assert.Equal(ClusterTime, outcome.Document["t"]);
    }

    [Fact]
    public void Apply_should_apply_set_on_insert_only_when_inserting_an_upsert()
    {
        const string Update = "{$set: {x: 1}, $setOnInsert: {created: 5}}";

        var inserted = Apply(Update, "{_id: 1}", UpsertInsert);
        var updated = Apply(Update, "{_id: 1}", UpdateTestSupport.Update);

        Assert.Equal(5, inserted.Document["created"].AsInt32);
        Assert.False(updated.Document.Contains("created"));
    }

    [Fact]
    public void Apply_should_not_mutate_the_input_document()
    {
        var original = BsonDocument.Parse("{_id: 1, a: {b: [1]}}");
        var spec = UpdateSpec.Parse(BsonDocument.Parse("{$push: {'a.b': 2}, $set: {c: 1}}"));

        spec.Apply(original, UpdateTestSupport.Update);

        Assert.Equal(BsonDocument.Parse("{_id: 1, a: {b: [1]}}"), original);
    }

    [Fact]
    public void Apply_should_not_share_values_between_results_when_spec_is_reused()
    {
        var spec = UpdateSpec.Parse(BsonDocument.Parse("{$set: {a: {b: 1}}}"));
        var first = spec.Apply([], UpdateTestSupport.Update).Document;

        first["a"]["b"] = 99;
        var second = spec.Apply([], UpdateTestSupport.Update).Document;

        Assert.Equal(1, second["a"]["b"].AsInt32);
    }

    [Fact]
    public void Apply_should_keep_id_first_when_update_sets_id_on_a_seed_without_id()
    {
        var outcome = Apply("{$set: {a: 1, _id: 5}}", "{k: 'x'}", UpsertInsert);

        Assert.Equal("_id", outcome.Document.GetElement(0).Name);
        Assert.Equal(5, outcome.Document["_id"].AsInt32);
    }

    [Fact]
    public void Flags_should_describe_the_kind_of_update()
    {
        var operators = UpdateSpec.Parse(BsonDocument.Parse("{$set: {a: 1}}"));
        var replacement = UpdateSpec.Parse(BsonDocument.Parse("{a: 1}"));
        var pipeline = UpdateSpec.Parse(BsonSerializerHelpers.ParseArray("[{$set: {a: 1}}]"));

        Assert.False(operators.IsReplacement || operators.IsPipeline);
        Assert.True(replacement.IsReplacement);
        Assert.False(replacement.IsPipeline);
        Assert.True(pipeline.IsPipeline);
        Assert.False(pipeline.IsReplacement);
    }
}
