using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class QueryFilterTests
{
    internal static bool Matches(string filter, string document) =>
        QueryFilter.Parse(BsonDocument.Parse(filter)).Matches(BsonDocument.Parse(document));

    [Theory]
    [InlineData("{a: 1}", "{a: 1}", true)]
    [InlineData("{a: 1}", "{a: NumberLong(1)}", true)]
    [InlineData("{a: 1}", "{a: 1.0}", true)]
    [InlineData("{a: 1}", "{a: NumberDecimal('1.00')}", true)]
    [InlineData("{a: 1}", "{a: 2}", false)]
    [InlineData("{a: 1}", "{a: '1'}", false)]
    [InlineData("{a: 1}", "{}", false)]
    [InlineData("{a: 'x', b: 2}", "{a: 'x', b: 2}", true)]
    [InlineData("{a: 'x', b: 2}", "{a: 'x', b: 3}", false)]
    [InlineData("{a: {b: 1}}", "{a: {b: 1}}", true)]
    [InlineData("{a: {b: 1}}", "{a: {b: 1, c: 2}}", false)]
    [InlineData("{a: {b: 1, c: 2}}", "{a: {c: 2, b: 1}}", false)]
    [InlineData("{a: [1, 2]}", "{a: [1, 2]}", true)]
    [InlineData("{a: [1, 2]}", "{a: [2, 1]}", false)]
    [InlineData("{a: [1, 2]}", "{a: [[1, 2], 3]}", true)]
    [InlineData("{a: 2}", "{a: [1, 2, 3]}", true)]
    [InlineData("{a: 5}", "{a: [1, 2, 3]}", false)]
    [InlineData("{_id: 7}", "{_id: 7, x: 1}", true)]
    public void Matches_should_apply_implicit_equality_when_value_is_not_an_operator(
        string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{a: null}", "{a: null}", true)]
    [InlineData("{a: null}", "{}", true)]
    [InlineData("{a: null}", "{a: 0}", false)]
    [InlineData("{a: null}", "{a: [1, null]}", true)]
    [InlineData("{a: null}", "{a: undefined}", false)]
    [InlineData("{'a.b': null}", "{a: {}}", true)]
    [InlineData("{'a.b': null}", "{a: [{b: 1}, {c: 1}]}", true)]
    [InlineData("{'a.b': null}", "{a: [{b: 1}]}", false)]
    [InlineData("{a: {$ne: null}}", "{}", false)]
    [InlineData("{a: {$ne: null}}", "{a: 1}", true)]
    [InlineData("{a: {$eq: null}}", "{b: 1}", true)]
    [InlineData("{a: {$gte: null}}", "{}", true)]
    [InlineData("{a: {$lte: null}}", "{a: null}", true)]
    [InlineData("{a: {$gt: null}}", "{a: null}", false)]
    [InlineData("{a: {$in: [null]}}", "{}", true)]
    [InlineData("{a: {$nin: [null]}}", "{}", false)]
    public void Matches_should_treat_missing_as_null_when_querying_for_null(
        string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{'a.b': 1}", "{a: {b: 1}}", true)]
    [InlineData("{'a.b': 1}", "{a: {b: 2}}", false)]
    [InlineData("{'a.b.c': 1}", "{a: {b: {c: 1}}}", true)]
    [InlineData("{'a.b': 1}", "{a: [{b: 2}, {b: 1}]}", true)]
    [InlineData("{'a.b': 1}", "{a: [{b: [5, 1]}]}", true)]
    [InlineData("{'a.b': 1}", "{a: 1}", false)]
    [InlineData("{'a.0': 5}", "{a: [5, 6]}", true)]
    [InlineData("{'a.1': 5}", "{a: [5, 6]}", false)]
    [InlineData("{'a.0.b': 1}", "{a: [{b: 1}]}", true)]
    [InlineData("{'a.0': 5}", "{a: [{'0': 5}]}", true)]
    [InlineData("{'a.5': {$exists: true}}", "{a: [1]}", false)]
    [InlineData("{'a.b': {$gt: 3}}", "{a: [{b: 1}, {b: 4}]}", true)]
    [InlineData("{'a.b': {$exists: false}}", "{a: [1, 2]}", true)]
    public void Matches_should_traverse_documents_and_arrays_when_path_is_dotted(
        string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{a: {$gt: 5}}", "{a: 6}", true)]
    [InlineData("{a: {$gt: 5}}", "{a: 5}", false)]
    [InlineData("{a: {$gte: 5}}", "{a: 5.0}", true)]
    [InlineData("{a: {$lt: 5}}", "{a: NumberLong(4)}", true)]
    [InlineData("{a: {$lte: 5}}", "{a: 5.5}", false)]
    [InlineData("{a: {$gt: 5}}", "{a: 'zzz'}", false)]
    [InlineData("{a: {$lt: 'b'}}", "{a: 1}", false)]
    [InlineData("{a: {$lt: 'b'}}", "{a: 'a'}", true)]
    [InlineData("{a: {$gt: 5}}", "{a: [1, 7]}", true)]
    [InlineData("{a: {$gt: 5}}", "{a: [1, 2]}", false)]
    [InlineData("{a: {$gt: 5, $lt: 3}}", "{a: [1, 7]}", true)]
    [InlineData("{a: {$gt: 5}}", "{}", false)]
    [InlineData("{a: {$gt: ISODate('2024-01-01T00:00:00Z')}}", "{a: ISODate('2024-06-01T00:00:00Z')}", true)]
    [InlineData("{a: {$lt: ISODate('2024-01-01T00:00:00Z')}}", "{a: 5}", false)]
    [InlineData("{a: {$gt: {$minKey: 1}}}", "{a: 'x'}", true)]
    [InlineData("{a: {$gte: [1, 2]}}", "{a: [1, 3]}", true)]
    [InlineData("{a: {$gt: true}}", "{a: true}", false)]
    [InlineData("{a: {$gte: false}}", "{a: true}", true)]
    public void Matches_should_compare_within_type_bracket_when_using_comparison_operators(
        string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{a: {$eq: 1}}", "{a: 1.0}", true)]
    [InlineData("{a: {$eq: [1]}}", "{a: [1]}", true)]
    [InlineData("{a: {$eq: {b: 1}}}", "{a: {b: 1}}", true)]
    [InlineData("{a: {$ne: 1}}", "{a: 2}", true)]
    [InlineData("{a: {$ne: 1}}", "{a: [1, 2]}", false)]
    [InlineData("{a: {$ne: 1}}", "{}", true)]
    [InlineData("{a: {$in: [1, 'x']}}", "{a: 'x'}", true)]
    [InlineData("{a: {$in: [1, 'x']}}", "{a: 2}", false)]
    [InlineData("{a: {$in: [1, 2]}}", "{a: [5, 2]}", true)]
    [InlineData("{a: {$in: [/^ab/]}}", "{a: 'abc'}", true)]
    [InlineData("{a: {$in: []}}", "{a: 1}", false)]
    [InlineData("{a: {$nin: [1, 2]}}", "{a: 3}", true)]
    [InlineData("{a: {$nin: [1, 2]}}", "{a: [3, 2]}", false)]
    [InlineData("{a: {$nin: [1]}}", "{}", true)]
    [InlineData("{a: {$exists: true}}", "{a: null}", true)]
    [InlineData("{a: {$exists: true}}", "{}", false)]
    [InlineData("{a: {$exists: false}}", "{}", true)]
    [InlineData("{a: {$exists: 0}}", "{a: 1}", false)]
    [InlineData("{'a.b': {$exists: true}}", "{a: [{c: 1}, {b: 2}]}", true)]
    [InlineData("{a: {$mod: [4, 1]}}", "{a: 9}", true)]
    [InlineData("{a: {$mod: [4, 1]}}", "{a: 10}", false)]
    public void Matches_should_apply_equality_set_and_existence_operators(
        string filter, string document, bool expected)
    {
        var result = Matches(filter, document);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Matches_should_match_everything_when_filter_is_null_or_empty()
    {
        var document = new BsonDocument("a", 1);

        var all = QueryFilter.All.Matches(document);
        var empty = QueryFilter.Parse([]).Matches(document);

        Assert.True(all);
        Assert.True(empty);
    }

    [Fact]
    public void Matches_should_give_same_answer_when_filter_is_reused_across_documents()
    {
        var filter = QueryFilter.Parse(BsonDocument.Parse("{k: {$in: [1, 3]}}"));
        var documents = Enumerable.Range(0, 5).Select(i => new BsonDocument("k", i)).ToList();

        var matched = documents.Where(d => filter.Matches(d)).Select(d => d["k"].AsInt32).ToList();

        Assert.Equal([1, 3], matched);
    }
}
