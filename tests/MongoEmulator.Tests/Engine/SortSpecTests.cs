using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class SortSpecTests
{
    private static List<BsonValue> SortIds(string sort, params string[] documents)
    {
        var spec = SortSpec.Parse(BsonDocument.Parse(sort));
        return spec.Sort(documents.Select(BsonDocument.Parse)).Select(d => d["_id"]).ToList();
    }

    [Fact]
    public void Sort_should_follow_spec_case_21_when_sorting_mixed_types_ascending_with_id_descending()
    {
        var documents = new[]
        {
            "{_id: 1, a: 'é'}", "{_id: 2, a: 'a'}", "{_id: 3, a: 'B'}", "{_id: 4, a: NumberLong(2)}",
            "{_id: 5, a: 1.5}", "{_id: 6, a: 1}", "{_id: 7, a: null}", "{_id: 8}",
        };

        var ids = SortIds("{a: 1, _id: -1}", documents);

        Assert.Equal(new BsonValue[] { 8, 7, 6, 5, 4, 3, 2, 1 }, ids);
    }

    [Fact]
    public void Sort_should_reverse_order_when_direction_is_descending()
    {
        var ids = SortIds("{a: -1}", "{_id: 1, a: 1}", "{_id: 2, a: 3}", "{_id: 3, a: 2}");

        Assert.Equal(new BsonValue[] { 2, 3, 1 }, ids);
    }

    [Fact]
    public void Sort_should_keep_input_order_when_keys_tie()
    {
        var ids = SortIds("{a: 1}", "{_id: 3, a: 1}", "{_id: 1, a: 1}", "{_id: 2, a: 0}", "{_id: 0, a: 1}");

        Assert.Equal(new BsonValue[] { 2, 3, 1, 0 }, ids);
    }

    [Fact]
    public void Sort_should_use_min_element_ascending_and_max_element_descending_when_field_is_array()
    {
        var documents = new[] { "{_id: 1, a: [1, 9]}", "{_id: 2, a: 5}", "{_id: 3, a: [0, 6]}" };

        var ascending = SortIds("{a: 1}", documents);
        var descending = SortIds("{a: -1}", documents);

        Assert.Equal(new BsonValue[] { 3, 1, 2 }, ascending);
        Assert.Equal(new BsonValue[] { 1, 3, 2 }, descending);
    }

    [Fact]
    public void Sort_should_put_empty_array_before_null_when_ascending()
    {
        var ids = SortIds("{a: 1}", "{_id: 1, a: null}", "{_id: 2, a: []}", "{_id: 3, a: 0}");

        Assert.Equal(new BsonValue[] { 2, 1, 3 }, ids);
    }

    [Fact]
    public void Sort_should_follow_dotted_paths_when_key_is_nested()
    {
        var ids = SortIds("{'a.b': 1}", "{_id: 1, a: {b: 2}}", "{_id: 2, a: {b: 1}}", "{_id: 3, a: [{b: 0}]}");

        Assert.Equal(new BsonValue[] { 3, 2, 1 }, ids);
    }

    [Fact]
    public void Comparer_should_agree_with_sort_when_used_with_a_stable_sort()
    {
        var spec = SortSpec.Parse(BsonDocument.Parse("{a: 1}"));
        var documents = new[] { "{_id: 1, a: 'b'}", "{_id: 2, a: 2}", "{_id: 3}" }.Select(BsonDocument.Parse);

        var ids = documents.OrderBy(d => d, spec.Comparer).Select(d => d["_id"].AsInt32).ToList();

        Assert.Equal([3, 2, 1], ids);
    }

    [Fact]
    public void IsEmpty_should_be_true_when_sort_is_null_or_empty()
    {
        var fromNull = SortSpec.Parse(null);
        var fromEmpty = SortSpec.Parse([]);
        var nonEmpty = SortSpec.Parse(new BsonDocument("a", 1));

        Assert.True(fromNull.IsEmpty);
        Assert.True(fromEmpty.IsEmpty);
        Assert.False(nonEmpty.IsEmpty);
    }

    [Theory]
    [InlineData("{a: 2}", 15975)]
    [InlineData("{a: 'asc'}", 15975)]
    [InlineData("{a: {$meta: 'textScore'}}", 238)]
    public void Parse_should_throw_when_sort_direction_is_invalid(string sort, int code)
    {
        var error = Assert.Throws<MongoCommandError>(() => SortSpec.Parse(BsonDocument.Parse(sort)));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Parse_should_accept_long_and_double_directions()
    {
        var documents = new[] { "{_id: 1, a: 1, b: 2}", "{_id: 2, a: 1, b: 1}", "{_id: 3, a: 2}" };

        var ids = SortIds("{a: NumberLong(-1), b: 1.0}", documents);

        Assert.Equal(new BsonValue[] { 3, 2, 1 }, ids);
    }
}
