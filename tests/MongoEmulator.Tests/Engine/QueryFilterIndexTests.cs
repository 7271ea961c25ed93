using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class QueryFilterIndexTests
{
    private static QueryFilter Parse(string filter) => QueryFilter.Parse(BsonDocument.Parse(filter));

    [Fact]
    public void Equalities_should_list_plain_eq_and_top_level_and_predicates_by_path()
    {
        var filter = Parse("{_id: 1, 'a.b': {$eq: 2}, c: {$gt: 3}, $and: [{d: 'x'}], $or: [{e: 1}]}");

        var equalities = filter.Equalities.Select(e => $"{e.Key}={e.Value}").ToList();

        Assert.Equal(["_id=1", "a.b=2", "d=x"], equalities);
    }

    [Fact]
    public void TryGetBounds_should_return_point_bounds_when_path_has_equality()
    {
        var found = Parse("{_id: 5}").TryGetBounds("_id", out var bounds);

        Assert.True(found);
        Assert.Equal(new RangeBounds(5, true, 5, true), bounds);
    }

    [Fact]
    public void TryGetBounds_should_combine_lower_and_upper_when_range_operators_are_used()
    {
        var found = Parse("{t: {$gt: 1, $lte: 9}}").TryGetBounds("t", out var bounds);

        Assert.True(found);
        Assert.Equal(new RangeBounds(1, false, 9, true), bounds);
    }

    [Fact]
    public void TryGetBounds_should_keep_tightest_bound_when_and_repeats_a_path()
    {
        var found = Parse("{$and: [{t: {$gte: 1}}, {t: {$gt: 4}}], u: 1}").TryGetBounds("t", out var bounds);

        Assert.True(found);
        Assert.Equal(4, bounds.Lower!.AsInt32);
        Assert.False(bounds.LowerInclusive);
        Assert.Null(bounds.Upper);
    }

    [Theory]
    [InlineData("{t: {$in: [1, 2]}}")]
    [InlineData("{u: 1}")]
    [InlineData("{$or: [{t: 1}]}")]
    [InlineData("{t: [1, 2]}")]
    [InlineData("{t: /x/}")]
    public void TryGetBounds_should_return_false_when_path_is_not_constrained_by_a_range(string filter)
    {
        var found = Parse(filter).TryGetBounds("t", out _);

        Assert.False(found);
    }

    [Fact]
    public void TryGetBounds_should_keep_only_lower_side_when_index_is_multikey()
    {
        var filter = Parse("{a: {$gt: 5, $lt: 3}}");

        var found = filter.TryGetBounds("a", multikey: true, out var bounds);

        Assert.True(found);
        Assert.Equal(new RangeBounds(5, false, null, false), bounds);
        Assert.True(filter.Matches(BsonDocument.Parse("{a: [1, 7]}")));
    }

    [Fact]
    public void TryGetBounds_should_keep_point_bounds_when_index_is_multikey()
    {
        var found = Parse("{a: 4}").TryGetBounds("a", multikey: true, out var bounds);

        Assert.True(found);
        Assert.Equal(new RangeBounds(4, true, 4, true), bounds);
    }

    [Theory]
    [InlineData("{status: 'claimed', at: {$lte: 5}}", "{status: 'claimed'}", true)]
    [InlineData("{$and: [{status: 'claimed'}], kind: 'x'}", "{status: {$eq: 'claimed'}}", true)]
    [InlineData("{status: 'claimed', kind: 'x'}", "{status: 'claimed', kind: 'x'}", true)]
    [InlineData("{status: 'fired'}", "{status: 'claimed'}", false)]
    [InlineData("{at: {$lte: 5}}", "{status: 'claimed'}", false)]
    [InlineData("{status: {$in: ['claimed']}}", "{status: 'claimed'}", false)]
    [InlineData("{n: 1}", "{n: NumberLong(1)}", false)]
    [InlineData("{status: 'claimed'}", "{status: 'claimed', kind: 'x'}", false)]
    [InlineData("{status: 'claimed'}", "{status: {$exists: true}}", false)]
    [InlineData("{status: 'claimed'}", "{$or: [{status: 'claimed'}]}", false)]
    public void Implies_should_hold_only_when_the_other_filter_is_equalities_this_one_also_requires(
        string query, string partial, bool expected)
    {
        Assert.Equal(expected, Parse(query).Implies(Parse(partial)));
    }
}
