using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;
using static HaScheduler.MongoEmulator.Tests.Engine.UpdateTestSupport;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class UpdateSpecArrayTests
{
    [Theory]
    [InlineData("{$push: {a: 3}}", "{a: [1, 2]}", "{a: [1, 2, 3]}")]
    [InlineData("{$push: {a: 3}}", "{}", "{a: [3]}")]
    [InlineData("{$push: {a: [3, 4]}}", "{a: [1]}", "{a: [1, [3, 4]]}")]
    [InlineData("{$push: {a: {$each: [3, 4]}}}", "{a: [1]}", "{a: [1, 3, 4]}")]
    [InlineData("{$push: {a: {$each: [0], $position: 0}}}", "{a: [1, 2]}", "{a: [0, 1, 2]}")]
    [InlineData("{$push: {a: {$each: [9], $position: -1}}}", "{a: [1, 2]}", "{a: [1, 9, 2]}")]
    [InlineData("{$push: {a: {$each: [9], $position: 10}}}", "{a: [1, 2]}", "{a: [1, 2, 9]}")]
    [InlineData("{$push: {a: {$each: [3, 4], $slice: -2}}}", "{a: [1, 2]}", "{a: [3, 4]}")]
    [InlineData("{$push: {a: {$each: [3, 4], $slice: 1}}}", "{a: [1, 2]}", "{a: [1]}")]
    [InlineData("{$push: {a: {$each: [], $slice: 0}}}", "{a: [1, 2]}", "{a: []}")]
    [InlineData("{$push: {a: {$each: [2, 9], $sort: 1}}}", "{a: [5, 1]}", "{a: [1, 2, 5, 9]}")]
    [InlineData("{$push: {a: {$each: [2], $sort: -1, $slice: 2}}}", "{a: [5, 1]}", "{a: [5, 2]}")]
    [InlineData("{$push: {a: {$each: [{s: 2}], $sort: {s: 1}}}}", "{a: [{s: 3}, {s: 1}]}",
        "{a: [{s: 1}, {s: 2}, {s: 3}]}")]
    [InlineData("{$push: {'x.y': 1}}", "{}", "{x: {y: [1]}}")]
    [InlineData("{$addToSet: {a: 2}}", "{a: [1, 2]}", "{a: [1, 2]}")]
    [InlineData("{$addToSet: {a: 3}}", "{a: [1, 2]}", "{a: [1, 2, 3]}")]
    [InlineData("{$addToSet: {a: 2.0}}", "{a: [1, 2]}", "{a: [1, 2]}")]
    [InlineData("{$addToSet: {a: {$each: [2, 3, 3]}}}", "{a: [1, 2]}", "{a: [1, 2, 3]}")]
    [InlineData("{$addToSet: {a: {b: 1}}}", "{a: [{b: 1}]}", "{a: [{b: 1}]}")]
    [InlineData("{$addToSet: {a: 1}}", "{}", "{a: [1]}")]
    [InlineData("{$pop: {a: 1}}", "{a: [1, 2, 3]}", "{a: [1, 2]}")]
    [InlineData("{$pop: {a: -1}}", "{a: [1, 2, 3]}", "{a: [2, 3]}")]
    [InlineData("{$pop: {a: 1}}", "{a: []}", "{a: []}")]
    [InlineData("{$pop: {a: 1}}", "{}", "{}")]
    [InlineData("{$pull: {a: 2}}", "{a: [1, 2, 3, 2]}", "{a: [1, 3]}")]
    [InlineData("{$pull: {a: {$gte: 2}}}", "{a: [1, 2, 3]}", "{a: [1]}")]
    [InlineData("{$pull: {a: {$in: [1, 3]}}}", "{a: [1, 2, 3]}", "{a: [2]}")]
    [InlineData("{$pull: {a: {b: 1}}}", "{a: [{b: 1, c: 1}, {b: 2}]}", "{a: [{b: 2}]}")]
    [InlineData("{$pull: {a: {b: {$gt: 1}}}}", "{a: [{b: 1}, {b: 2}, 5]}", "{a: [{b: 1}, 5]}")]
    [InlineData("{$pull: {a: [1, 2]}}", "{a: [[1, 2], [1]]}", "{a: [[1]]}")]
    [InlineData("{$pull: {a: 1}}", "{}", "{}")]
    [InlineData("{$pullAll: {a: [1, 3]}}", "{a: [1, 2, 3, 1]}", "{a: [2]}")]
    [InlineData("{$pullAll: {a: [1.0]}}", "{a: [1, NumberLong(1), 2]}", "{a: [2]}")]
    public void Apply_should_modify_arrays_when_array_operators_are_used(
        string update, string document, string expected)
    {
        var outcome = Apply(update, document);

        Assert.Equal(BsonDocument.Parse(expected).ToJson(), outcome.Document.ToJson());
    }

    [Theory]
    [InlineData("{$push: {a: 1}}", "{a: 5}", 2)]
    [InlineData("{$addToSet: {a: 1}}", "{a: 'x'}", 2)]
    [InlineData("{$pull: {a: 1}}", "{a: 5}", 2)]
    [InlineData("{$pullAll: {a: [1]}}", "{a: 5}", 2)]
    [InlineData("{$pop: {a: 1}}", "{a: 5}", 14)]
    public void Apply_should_throw_when_array_operator_targets_a_non_array(string update, string document, int code)
    {
        var error = Assert.Throws<MongoCommandError>(() => Apply(update, document));

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("{$push: {a: {$each: 1}}}")]
    [InlineData("{$push: {a: {$each: [1], $bogus: 1}}}")]
    [InlineData("{$push: {a: {$each: [1], $sort: 2}}}")]
    [InlineData("{$push: {a: {$each: [1], $position: 'x'}}}")]
    [InlineData("{$addToSet: {a: {$each: [1], $slice: 1}}}")]
    [InlineData("{$pullAll: {a: 1}}")]
    public void Parse_should_reject_malformed_array_modifiers(string update)
    {
        var error = Assert.Throws<MongoCommandError>(() => UpdateSpec.Parse(BsonDocument.Parse(update)));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public void Parse_should_reject_pop_when_argument_is_not_one_or_minus_one()
    {
        var error = Assert.Throws<MongoCommandError>(() => UpdateSpec.Parse(BsonDocument.Parse("{$pop: {a: 2}}")));

        Assert.Equal(9, error.Code);
    }
}
