using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class QueryFilterExprTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly ExpressionContext Context = new(Now, new BsonTimestamp(1_700_000_000, 3));

    private static bool Matches(string filter, BsonDocument document) =>
        QueryFilter.Parse(BsonDocument.Parse(filter)).Matches(document, Context);

    private static bool Matches(string filter, string document) => Matches(filter, BsonDocument.Parse(document));

    [Theory]
    [InlineData("{$expr: {$eq: ['$a', '$b']}}", "{a: 1, b: 1.0}", true)]
    [InlineData("{$expr: {$eq: ['$a', '$b']}}", "{a: 1, b: 2}", false)]
    [InlineData("{$expr: {$ne: ['$a', 1]}}", "{a: 2}", true)]
    [InlineData("{$expr: {$gt: ['$a', '$b']}}", "{a: 3, b: 2}", true)]
    [InlineData("{$expr: {$gt: ['$a', 5]}}", "{a: 'x'}", true)]
    [InlineData("{$expr: {$gte: ['$a', 3]}}", "{a: 3}", true)]
    [InlineData("{$expr: {$lt: ['$a', 3]}}", "{a: 3}", false)]
    [InlineData("{$expr: {$lte: ['$a.b', 3]}}", "{a: {b: 3}}", true)]
    [InlineData("{$expr: {$eq: ['$missing', null]}}", "{}", false)]
    [InlineData("{$expr: {$lt: ['$missing', null]}}", "{}", true)]
    [InlineData("{$expr: {$and: [{$gt: ['$a', 1]}, {$lt: ['$a', 5]}]}}", "{a: 3}", true)]
    [InlineData("{$expr: {$and: [{$gt: ['$a', 1]}, {$lt: ['$a', 5]}]}}", "{a: 6}", false)]
    [InlineData("{$expr: {$or: [{$eq: ['$a', 1]}, {$eq: ['$a', 2]}]}}", "{a: 2}", true)]
    [InlineData("{$expr: {$not: [{$eq: ['$a', 1]}]}}", "{a: 2}", true)]
    [InlineData("{$expr: {$not: {$eq: ['$a', 1]}}}", "{a: 1}", false)]
    [InlineData("{$expr: {$cond: [{$eq: ['$a', 1]}, true, false]}}", "{a: 1}", true)]
    [InlineData("{$expr: {$cond: {if: '$flag', then: '$x', else: '$y'}}}", "{flag: 0, x: true, y: false}", false)]
    [InlineData("{$expr: {$eq: [{$ifNull: ['$a', 'dflt']}, 'dflt']}}", "{a: null}", true)]
    [InlineData("{$expr: {$eq: [{$ifNull: ['$a', '$b', 9]}, 9]}}", "{}", true)]
    [InlineData("{$expr: {$eq: [{$add: ['$a', 2, 0.5]}, 3.5]}}", "{a: 1}", true)]
    [InlineData("{$expr: {$eq: [{$subtract: ['$a', '$b']}, 3]}}", "{a: 5, b: 2}", true)]
    [InlineData("{$expr: {$eq: [{$multiply: ['$a', 3]}, 6]}}", "{a: 2}", true)]
    [InlineData("{$expr: {$eq: [{$add: ['$a', 1]}, null]}}", "{}", true)]
    [InlineData("{$expr: {$literal: '$a'}}", "{}", true)]
    [InlineData("{$expr: {$eq: [{$literal: '$a'}, '$a']}}", "{a: '$a'}", true)]
    [InlineData("{$expr: {$in: ['$a', [1, 2]]}}", "{a: 2}", true)]
    [InlineData("{$expr: {$in: ['$a', '$list']}}", "{a: 3, list: [1, 2]}", false)]
    [InlineData("{$expr: {$eq: [{$max: ['$a', '$b', null]}, 7]}}", "{a: 7, b: 2}", true)]
    [InlineData("{$expr: {$eq: [{$min: '$list'}, 1]}}", "{list: [3, 1, 2]}", true)]
    [InlineData("{$expr: {$eq: [{$size: '$list'}, 3]}}", "{list: [3, 1, 2]}", true)]
    [InlineData("{$expr: {$eq: ['$$ROOT.a', 1]}}", "{a: 1}", true)]
    [InlineData("{$expr: {$eq: ['$a.b', [1, 2]]}}", "{a: [{b: 1}, {b: 2}, {c: 3}]}", true)]
    [InlineData("{$expr: '$flag'}", "{flag: 'non-empty'}", true)]
    [InlineData("{$expr: '$flag'}", "{flag: 0.0}", false)]
    [InlineData("{$expr: '$flag'}", "{}", false)]
    [InlineData("{$expr: {$cmp: ['$a', 2]}}", "{a: 2}", false)]
    public void Matches_should_evaluate_aggregation_expressions_when_expr_is_used(
        string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Matches_should_compare_against_context_now_when_expr_uses_now()
    {
        var expired = new BsonDocument("expires_at", Now.AddSeconds(-1));
        var live = new BsonDocument("expires_at", Now.AddSeconds(1));
        const string Filter = "{$expr: {$lt: ['$expires_at', '$$NOW']}}";

        var expiredMatches = Matches(Filter, expired);
        var liveMatches = Matches(Filter, live);

        Assert.True(expiredMatches);
        Assert.False(liveMatches);
    }

    [Fact]
    public void Matches_should_add_milliseconds_to_now_when_adding_number_to_date()
    {
        var document = new BsonDocument("t", Now.AddMilliseconds(5000));

        var result = Matches("{$expr: {$eq: ['$t', {$add: ['$$NOW', 5000]}]}}", document);

        Assert.True(result);
    }

    [Fact]
    public void Matches_should_subtract_dates_into_milliseconds_when_both_operands_are_dates()
    {
        var document = new BsonDocument { { "a", Now.AddSeconds(2) }, { "b", Now } };

        var result = Matches("{$expr: {$eq: [{$subtract: ['$a', '$b']}, NumberLong(2000)]}}", document);

        Assert.True(result);
    }

    [Fact]
    public void Matches_should_see_cluster_time_when_expr_uses_cluster_time()
    {
        var document = new BsonDocument("ts", new BsonTimestamp(1_700_000_000, 3));

        var result = Matches("{$expr: {$eq: ['$ts', '$$CLUSTER_TIME']}}", document);

        Assert.True(result);
    }

    [Fact]
    public void Matches_should_use_wall_clock_when_context_is_null()
    {
        var filter = QueryFilter.Parse(BsonDocument.Parse("{$expr: {$lt: ['$t', '$$NOW']}}"));
        var past = new BsonDocument("t", DateTime.UtcNow.AddMinutes(-1));
        var future = new BsonDocument("t", DateTime.UtcNow.AddMinutes(10));

        var pastMatches = filter.Matches(past);
        var futureMatches = filter.Matches(future);

        Assert.True(pastMatches);
        Assert.False(futureMatches);
    }

    [Theory]
    [InlineData("{$expr: {$eq: [{$toDate: NumberLong(1000)}, ISODate('1970-01-01T00:00:01Z')]}}")]
    [InlineData("{$expr: {$eq: [{$toDate: '2024-05-01T10:00:00Z'}, ISODate('2024-05-01T10:00:00Z')]}}")]
    [InlineData("{$expr: {$eq: [{$toDate: '$d'}, '$d']}}")]
    public void Matches_should_convert_to_date_when_to_date_is_used(string filter)
    {
        var document = new BsonDocument("d", Now);

        var result = Matches(filter, document);

        Assert.True(result);
    }

    [Fact]
    public void Matches_should_throw_type_mismatch_when_adding_a_string()
    {
        var filter = QueryFilter.Parse(BsonDocument.Parse("{$expr: {$eq: [{$add: ['$a', 1]}, 2]}}"));

        var error = Assert.Throws<MongoCommandError>(() => filter.Matches(BsonDocument.Parse("{a: 'x'}"), Context));

        Assert.Equal(14, error.Code);
        Assert.Contains("$add", error.Message);
    }

    [Fact]
    public void Parse_should_reject_expr_when_nested_in_elem_match()
    {
        var filter = BsonDocument.Parse("{a: {$elemMatch: {$expr: {$eq: [1, 1]}}}}");

        var error = Assert.Throws<MongoCommandError>(() => QueryFilter.Parse(filter));

        Assert.Contains("$expr", error.Message);
    }
}
