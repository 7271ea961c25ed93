using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;
using static HaScheduler.MongoEmulator.Tests.Engine.UpdateTestSupport;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class UpdateSpecErrorTests
{
    [Theory]
    [InlineData("{}", 9, "atomic operators")]
    [InlineData("{$foo: {a: 1}}", 9, "$foo")]
    [InlineData("{$set: {a: 1}, b: 2}", 9, "Unknown modifier: b")]
    [InlineData("{$set: 5}", 9, "Modifiers operate on fields")]
    [InlineData("{$set: {a: 1}, $inc: {a: 1}}", 40, "conflict")]
    [InlineData("{$set: {a: 1}, $unset: {'a.b': 1}}", 40, "conflict")]
    [InlineData("{$set: {'a.b': 1}, $inc: {a: 1}}", 40, "conflict")]
    [InlineData("{$set: {a: 1}, $setOnInsert: {a: 2}}", 40, "conflict")]
    [InlineData("{$rename: {a: 'b'}, $set: {b: 1}}", 40, "conflict")]
    [InlineData("{$inc: {a: 'x'}}", 14, "non-numeric")]
    [InlineData("{$mul: {a: true}}", 14, "non-numeric")]
    [InlineData("{$rename: {a: 1}}", 2, "$rename")]
    [InlineData("{$rename: {a: 'a'}}", 2, "must differ")]
    [InlineData("{$currentDate: {a: {$type: 'x'}}}", 2, "$currentDate")]
    [InlineData("{$currentDate: {a: 1}}", 2, "$currentDate")]
    [InlineData("{$set: {'a..b': 1}}", 56, "empty field name")]
    [InlineData("{$set: {'a.$': 1}}", 238, "positional")]
    [InlineData("{$set: {'a.$[].b': 1}}", 238, "positional")]
    [InlineData("{$where: 1}", 9, "$where")]
    [InlineData("{a: 1, $set: {b: 1}}", 52, "$set")]
    public void Parse_should_throw_expected_code_when_update_is_invalid(string update, int code, string fragment)
    {
        var error = Assert.Throws<MongoCommandError>(() => UpdateSpec.Parse(BsonDocument.Parse(update)));

        Assert.Equal(code, error.Code);
        Assert.Contains(fragment, error.Message);
    }

    [Theory]
    [InlineData("{$inc: {a: 1}}", "{_id: 1, a: 'x'}", 14)]
    [InlineData("{$inc: {a: 1}}", "{_id: 1, a: null}", 14)]
    [InlineData("{$mul: {a: 2}}", "{_id: 1, a: [1]}", 14)]
    [InlineData("{$set: {_id: 2}}", "{_id: 1}", 66)]
    [InlineData("{$unset: {_id: 1}}", "{_id: 1}", 66)]
    [InlineData("{$inc: {_id: 1}}", "{_id: 1}", 66)]
    [InlineData("{$set: {'_id.x': 2}}", "{_id: {x: 1}}", 66)]
    [InlineData("{$rename: {_id: 'k'}}", "{_id: 1}", 66)]
    [InlineData("{$set: {'a.b': 1}}", "{_id: 1, a: 5}", 28)]
    [InlineData("{$set: {'a.x': 1}}", "{_id: 1, a: [1]}", 28)]
    public void Apply_should_throw_expected_code_when_document_cannot_take_the_update(
        string update, string document, int code)
    {
        var error = Assert.Throws<MongoCommandError>(() => Apply(update, document));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Apply_should_allow_setting_id_to_its_current_value()
    {
        var outcome = Apply("{$set: {_id: 1, a: 2}}", "{_id: 1, a: 1}");

        Assert.Equal(BsonDocument.Parse("{_id: 1, a: 2}"), outcome.Document);
    }

    [Fact]
    public void Apply_should_name_the_field_when_inc_hits_a_string()
    {
        var error = Assert.Throws<MongoCommandError>(() => Apply("{$inc: {count: 1}}", "{_id: 3, count: 'x'}"));

        Assert.Equal("TypeMismatch", error.CodeName);
        Assert.Contains("'count'", error.Message);
    }

    [Fact]
    public void Parse_should_report_code_name_when_operators_conflict()
    {
        var error = Assert.Throws<MongoCommandError>(() =>
            UpdateSpec.Parse(BsonDocument.Parse("{$set: {a: 1}, $inc: {a: 1}}")));

        Assert.Equal("ConflictingUpdateOperators", error.CodeName);
    }

    [Fact]
    public void Parse_should_reject_non_document_non_array_update()
    {
        var error = Assert.Throws<MongoCommandError>(() => UpdateSpec.Parse(new BsonInt32(1)));

        Assert.Equal(9, error.Code);
    }

    [Fact]
    public void Apply_should_throw_not_implemented_when_decimal_result_exceeds_supported_precision()
    {
        var huge = new BsonDocument("$inc", new BsonDocument("a", new BsonDecimal128(Decimal128.Parse("1E+40"))));

        var error = Assert.Throws<MongoCommandError>(() =>
            UpdateSpec.Parse(huge).Apply(BsonDocument.Parse("{a: NumberDecimal('1')}"), Update));

        Assert.Equal(238, error.Code);
    }
}
