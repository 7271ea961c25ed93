using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class QueryFilterOperatorTests
{
    private static bool Matches(string filter, string document) => QueryFilterTests.Matches(filter, document);

    [Theory]
    [InlineData("{$and: [{a: 1}, {b: 2}]}", "{a: 1, b: 2}", true)]
    [InlineData("{$and: [{a: 1}, {b: 2}]}", "{a: 1, b: 3}", false)]
    [InlineData("{$or: [{a: 1}, {b: 2}]}", "{a: 0, b: 2}", true)]
    [InlineData("{$or: [{a: 1}, {b: 2}]}", "{a: 0, b: 0}", false)]
    [InlineData("{$nor: [{a: 1}, {b: 2}]}", "{a: 0, b: 0}", true)]
    [InlineData("{$nor: [{a: 1}, {b: 2}]}", "{a: 1}", false)]
    [InlineData("{a: 1, $or: [{b: 1}, {c: 1}]}", "{a: 1, c: 1}", true)]
    [InlineData("{a: 1, $or: [{b: 1}, {c: 1}]}", "{a: 2, c: 1}", false)]
    [InlineData("{$or: [{$and: [{a: 1}, {b: 1}]}, {c: 1}]}", "{a: 1, b: 1}", true)]
    [InlineData("{a: {$not: {$gt: 5}}}", "{a: 3}", true)]
    [InlineData("{a: {$not: {$gt: 5}}}", "{a: 7}", false)]
    [InlineData("{a: {$not: {$gt: 5}}}", "{}", true)]
    [InlineData("{a: {$not: /^x/}}", "{a: 'xy'}", false)]
    [InlineData("{a: {$not: /^x/}}", "{a: 'yx'}", true)]
    [InlineData("{$comment: 'why', a: 1}", "{a: 1}", true)]
    public void Matches_should_combine_clauses_when_logical_operators_are_used(
        string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{a: {$type: 'string'}}", "{a: 'x'}", true)]
    [InlineData("{a: {$type: 'string'}}", "{a: 1}", false)]
    [InlineData("{a: {$type: 2}}", "{a: 'x'}", true)]
    [InlineData("{a: {$type: 'int'}}", "{a: 1}", true)]
    [InlineData("{a: {$type: 'long'}}", "{a: 1}", false)]
    [InlineData("{a: {$type: 'long'}}", "{a: NumberLong(1)}", true)]
    [InlineData("{a: {$type: 'double'}}", "{a: 1.5}", true)]
    [InlineData("{a: {$type: 'decimal'}}", "{a: NumberDecimal('1')}", true)]
    [InlineData("{a: {$type: 'number'}}", "{a: NumberLong(3)}", true)]
    [InlineData("{a: {$type: 'number'}}", "{a: '3'}", false)]
    [InlineData("{a: {$type: 'null'}}", "{a: null}", true)]
    [InlineData("{a: {$type: 'null'}}", "{}", false)]
    [InlineData("{a: {$type: 'array'}}", "{a: []}", true)]
    [InlineData("{a: {$type: 'string'}}", "{a: [1, 'x']}", true)]
    [InlineData("{a: {$type: 'object'}}", "{a: {}}", true)]
    [InlineData("{a: {$type: 'date'}}", "{a: ISODate('2024-01-01T00:00:00Z')}", true)]
    [InlineData("{a: {$type: 'objectId'}}", "{a: ObjectId('507f1f77bcf86cd799439011')}", true)]
    [InlineData("{a: {$type: 'bool'}}", "{a: false}", true)]
    [InlineData("{a: {$type: ['bool', 'string']}}", "{a: 'x'}", true)]
    [InlineData("{a: {$type: 16}}", "{a: 1}", true)]
    public void Matches_should_check_bson_type_when_type_operator_is_used(
        string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{a: /^ab/}", "{a: 'abc'}", true)]
    [InlineData("{a: /^ab/}", "{a: 'xab'}", false)]
    [InlineData("{a: /^AB/i}", "{a: 'abc'}", true)]
    [InlineData("{a: {$regex: '^ab'}}", "{a: 'abc'}", true)]
    [InlineData("{a: {$regex: '^AB', $options: 'i'}}", "{a: 'abc'}", true)]
    [InlineData("{a: {$regex: '^b$', $options: 'm'}}", "{a: 'a\\nb'}", true)]
    [InlineData("{a: /x/}", "{a: ['q', 'wxw']}", true)]
    [InlineData("{a: /1/}", "{a: 1}", false)]
    [InlineData("{a: /^a/}", "{a: /^a/}", true)]
    public void Matches_should_match_strings_when_regex_is_used(string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Matches_should_apply_options_when_regex_value_is_combined_with_options()
    {
        var operators = new BsonDocument { { "$regex", new BsonRegularExpression("^AB") }, { "$options", "i" } };
        var filter = QueryFilter.Parse(new BsonDocument("a", operators));

        var result = filter.Matches(new BsonDocument("a", "abc"));

        Assert.True(result);
    }

    [Theory]
    [InlineData("{a: {$size: 2}}", "{a: [1, 2]}", true)]
    [InlineData("{a: {$size: 2}}", "{a: [1]}", false)]
    [InlineData("{a: {$size: 0}}", "{a: []}", true)]
    [InlineData("{a: {$size: 1}}", "{a: 1}", false)]
    [InlineData("{a: {$all: [1, 2]}}", "{a: [2, 3, 1]}", true)]
    [InlineData("{a: {$all: [1, 2]}}", "{a: [1, 3]}", false)]
    [InlineData("{a: {$all: [1]}}", "{a: 1}", true)]
    [InlineData("{a: {$all: []}}", "{a: [1]}", false)]
    [InlineData("{a: {$all: [[1, 2]]}}", "{a: [[1, 2], 3]}", true)]
    [InlineData("{a: {$all: [{$elemMatch: {b: 1}}, {$elemMatch: {b: 2}}]}}", "{a: [{b: 1}, {b: 2}]}", true)]
    [InlineData("{a: {$elemMatch: {$gt: 1, $lt: 3}}}", "{a: [0, 2, 4]}", true)]
    [InlineData("{a: {$elemMatch: {$gt: 1, $lt: 2}}}", "{a: [0, 2, 4]}", false)]
    [InlineData("{a: {$elemMatch: {b: 1, c: 2}}}", "{a: [{b: 1, c: 2}]}", true)]
    [InlineData("{a: {$elemMatch: {b: 1, c: 2}}}", "{a: [{b: 1}, {c: 2}]}", false)]
    [InlineData("{'a.b': 1, 'a.c': 2}", "{a: [{b: 1}, {c: 2}]}", true)]
    [InlineData("{a: {$elemMatch: {b: {$gte: 5}}}}", "{a: [{b: 4}, {b: 6}]}", true)]
    [InlineData("{a: {$elemMatch: {$or: [{b: 1}, {c: 1}]}}}", "{a: [{c: 1}]}", true)]
    [InlineData("{a: {$elemMatch: {$gt: 0}}}", "{a: 5}", false)]
    [InlineData("{a: {$elemMatch: {$ne: 1}}}", "{a: [1, 1]}", false)]
    public void Matches_should_apply_array_operators(string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{a: {$foo: 1}}", 2, "unknown operator: $foo")]
    [InlineData("{$foo: 1}", 2, "unknown top level operator: $foo")]
    [InlineData("{$and: []}", 2, "$and")]
    [InlineData("{$or: 1}", 2, "$or")]
    [InlineData("{a: {$in: 1}}", 2, "$in")]
    [InlineData("{a: {$options: 'i'}}", 2, "$options")]
    [InlineData("{a: {$size: -1}}", 2, "$size")]
    [InlineData("{a: {$type: 'nope'}}", 2, "nope")]
    [InlineData("{a: {$elemMatch: 1}}", 2, "$elemMatch")]
    [InlineData("{a: {$gt: /x/}}", 2, "RegEx")]
    [InlineData("{$where: 'this.a == 1'}", 238, "$where")]
    [InlineData("{$text: {$search: 'x'}}", 238, "$text")]
    [InlineData("{a: {$near: [0, 0]}}", 238, "$near")]
    [InlineData("{a: {$geoWithin: {}}}", 238, "$geoWithin")]
    [InlineData("{$expr: {$foo: 1}}", 168, "$foo")]
    [InlineData("{$expr: '$$nope'}", 17276, "nope")]
    public void Parse_should_throw_error_naming_the_operator_when_filter_is_invalid(
        string filter, int code, string fragment)
    {
        var error = Assert.Throws<MongoCommandError>(() => QueryFilter.Parse(BsonDocument.Parse(filter)));

        Assert.Equal(code, error.Code);
        Assert.Contains(fragment, error.Message);
    }
}
