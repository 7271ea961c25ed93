using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;
using static HaScheduler.MongoEmulator.Tests.Engine.UpdateTestSupport;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class UpdateSpecReplacementTests
{
    [Theory]
    [InlineData("{b: 2}", "{_id: 1, a: 1}", "{_id: 1, b: 2}")]
    [InlineData("{b: 2, _id: 1}", "{_id: 1, a: 1}", "{_id: 1, b: 2}")]
    [InlineData("{b: 2, _id: 1.0}", "{_id: 1, a: 1}", "{_id: 1, b: 2}")]
    [InlineData("{x: {y: 1}}", "{_id: 'k'}", "{_id: 'k', x: {y: 1}}")]
    [InlineData("{b: 2, _id: 5}", "{k: 1}", "{_id: 5, b: 2}")]
    public void Apply_should_keep_id_first_when_replacing(string replacement, string document, string expected)
    {
        var outcome = Apply(replacement, document);

        Assert.Equal(BsonDocument.Parse(expected).ToJson(), outcome.Document.ToJson());
    }

    [Fact]
    public void Apply_should_throw_immutable_field_when_replacement_changes_id()
    {
        var error = Assert.Throws<MongoCommandError>(() => Apply("{_id: 2, a: 1}", "{_id: 1}"));

        Assert.Equal(66, error.Code);
        Assert.Equal("ImmutableField", error.CodeName);
    }

    [Fact]
    public void Apply_should_not_share_replacement_values_between_applications()
    {
        var spec = UpdateSpec.Parse(BsonDocument.Parse("{a: {b: 1}}"));
        var first = spec.Apply(new BsonDocument("_id", 1), Update).Document;

        first["a"]["b"] = 2;
        var second = spec.Apply(new BsonDocument("_id", 2), Update).Document;

        Assert.Equal(1, second["a"]["b"].AsInt32);
    }
}
