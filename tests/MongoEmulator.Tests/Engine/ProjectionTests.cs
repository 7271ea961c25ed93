using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class ProjectionTests
{
    private static string Project(string projection, string document) =>
        Projection.Parse(BsonDocument.Parse(projection)).Apply(BsonDocument.Parse(document)).ToJson();

    private static string Json(string document) => BsonDocument.Parse(document).ToJson();

    [Theory]
    [InlineData("{a: 1}", "{_id: 1, a: 1, b: 2}", "{_id: 1, a: 1}")]
    [InlineData("{a: true}", "{_id: 1, a: 1, b: 2}", "{_id: 1, a: 1}")]
    [InlineData("{b: 1, a: 1}", "{_id: 1, a: 1, b: 2, c: 3}", "{_id: 1, a: 1, b: 2}")]
    [InlineData("{a: 1, _id: 0}", "{_id: 1, a: 1, b: 2}", "{a: 1}")]
    [InlineData("{missing: 1}", "{_id: 1, a: 1}", "{_id: 1}")]
    [InlineData("{'a.b': 1}", "{_id: 1, a: {b: 1, c: 2}, d: 3}", "{_id: 1, a: {b: 1}}")]
    [InlineData("{a: {b: 1}}", "{_id: 1, a: {b: 1, c: 2}}", "{_id: 1, a: {b: 1}}")]
    [InlineData("{'a.b': 1}", "{_id: 1, a: [{b: 1, c: 1}, {c: 2}, 5]}", "{_id: 1, a: [{b: 1}, {}]}")]
    [InlineData("{'a.b': 1}", "{_id: 1, a: 5}", "{_id: 1}")]
    [InlineData("{_id: 1}", "{_id: 1, a: 1}", "{_id: 1}")]
    [InlineData("{k: '$a'}", "{_id: 1, a: 7}", "{_id: 1, k: 7}")]
    [InlineData("{k: {$add: ['$a', 1]}, a: 1}", "{_id: 1, a: 7}", "{_id: 1, a: 7, k: 8}")]
    public void Apply_should_keep_only_listed_fields_when_projection_is_an_inclusion(
        string projection, string document, string expected)
    {
        var result = Project(projection, document);

        Assert.Equal(Json(expected), result);
    }

    [Theory]
    [InlineData("{b: 0}", "{_id: 1, a: 1, b: 2}", "{_id: 1, a: 1}")]
    [InlineData("{b: false, c: 0}", "{_id: 1, a: 1, b: 2, c: 3}", "{_id: 1, a: 1}")]
    [InlineData("{_id: 0}", "{_id: 1, a: 1}", "{a: 1}")]
    [InlineData("{_id: 0, a: 0}", "{_id: 1, a: 1, b: 2}", "{b: 2}")]
    [InlineData("{'a.b': 0}", "{_id: 1, a: {b: 1, c: 2}}", "{_id: 1, a: {c: 2}}")]
    [InlineData("{'a.b': 0}", "{_id: 1, a: [{b: 1, c: 1}, 5]}", "{_id: 1, a: [{c: 1}, 5]}")]
    public void Apply_should_drop_listed_fields_when_projection_is_an_exclusion(
        string projection, string document, string expected)
    {
        var result = Project(projection, document);

        Assert.Equal(Json(expected), result);
    }

    [Theory]
    [InlineData("{a: {$slice: 2}}", "{_id: 1, a: [1, 2, 3], b: 1}", "{_id: 1, a: [1, 2], b: 1}")]
    [InlineData("{a: {$slice: -1}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [3]}")]
    [InlineData("{a: {$slice: [1, 1]}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [2]}")]
    [InlineData("{a: {$slice: [-2, 5]}}", "{_id: 1, a: [1, 2, 3]}", "{_id: 1, a: [2, 3]}")]
    [InlineData("{a: {$slice: 1}, b: 1}", "{_id: 1, a: [1, 2], b: 2, c: 3}", "{_id: 1, a: [1], b: 2}")]
    [InlineData("{a: {$slice: 1}}", "{_id: 1, a: 'x'}", "{_id: 1, a: 'x'}")]
    [InlineData("{a: {$elemMatch: {b: 2}}}", "{_id: 1, a: [{b: 1}, {b: 2, c: 1}], d: 1}",
        "{_id: 1, a: [{b: 2, c: 1}]}")]
    [InlineData("{a: {$elemMatch: {$gt: 1}}}", "{_id: 1, a: [1, 5, 7]}", "{_id: 1, a: [5]}")]
    [InlineData("{a: {$elemMatch: {b: 9}}}", "{_id: 1, a: [{b: 1}]}", "{_id: 1}")]
    public void Apply_should_trim_arrays_when_slice_or_elem_match_projection_is_used(
        string projection, string document, string expected)
    {
        var result = Project(projection, document);

        Assert.Equal(Json(expected), result);
    }

    [Fact]
    public void Apply_should_return_document_unchanged_when_projection_is_empty()
    {
        var document = BsonDocument.Parse("{_id: 1, a: 1}");

        var fromNull = Projection.Parse(null).Apply(document);
        var fromEmpty = Projection.Parse([]).Apply(document);

        Assert.Same(document, fromNull);
        Assert.Same(document, fromEmpty);
    }

    [Fact]
    public void Apply_should_copy_values_when_projecting()
    {
        var document = BsonDocument.Parse("{_id: 1, a: {b: 1}}");

        var projected = Projection.Parse(BsonDocument.Parse("{a: 1}")).Apply(document);
        projected["a"]["b"] = 2;

        Assert.Equal(1, document["a"]["b"].AsInt32);
    }

    [Theory]
    [InlineData("{a: 1, b: 0}", 31254)]
    [InlineData("{a: 0, b: 1}", 31253)]
    [InlineData("{a: 1, 'a.b': 1}", 31250)]
    [InlineData("{'a.b': 1, a: 1}", 31250)]
    [InlineData("{'a.$': 1}", 238)]
    [InlineData("{a: {$meta: 'textScore'}}", 238)]
    public void Parse_should_throw_when_projection_is_invalid(string projection, int code)
    {
        var error = Assert.Throws<MongoCommandError>(() => Projection.Parse(BsonDocument.Parse(projection)));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Parse_should_allow_id_exclusion_when_projection_is_an_inclusion()
    {
        var result = Project("{_id: 0, a: 1}", "{_id: 1, a: 2, b: 3}");

        Assert.Equal(Json("{a: 2}"), result);
    }
}
