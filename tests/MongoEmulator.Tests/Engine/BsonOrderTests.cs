using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Engine;

public class BsonOrderTests
{
    public static TheoryData<BsonValue, BsonValue> AscendingPairs => new()
    {
        { BsonMinKey.Value, BsonNull.Value },
        { BsonNull.Value, new BsonInt32(-100) },
        { new BsonInt32(1), new BsonDouble(1.5) },
        { new BsonDouble(1.5), new BsonInt64(2) },
        { new BsonInt64(2), new BsonString("B") },
        { new BsonString("B"), new BsonString("a") },
        { new BsonString("a"), new BsonString("é") },
        { new BsonString("z"), new BsonDocument() },
        { new BsonDocument("a", 1), new BsonArray() },
        { new BsonArray { 99 }, new BsonBinaryData([1]) },
        { new BsonBinaryData([1]), ObjectId.GenerateNewId() },
        { ObjectId.GenerateNewId(), BsonBoolean.False },
        { BsonBoolean.False, BsonBoolean.True },
        { BsonBoolean.True, new BsonDateTime(0) },
        { new BsonDateTime(0), new BsonTimestamp(1, 1) },
        { new BsonTimestamp(1, 1), new BsonRegularExpression("a") },
        { new BsonRegularExpression("a"), BsonMaxKey.Value },
        { new BsonDouble(double.NaN), new BsonDouble(double.NegativeInfinity) },
        { new BsonDouble(double.NaN), new BsonInt64(long.MinValue) },
        { new BsonInt64(long.MaxValue - 1), new BsonInt64(long.MaxValue) },
        { new BsonInt64(9007199254740993), new BsonDouble(9007199254740994.0) },
        { new BsonDecimal128(1.25m), new BsonDouble(1.5) },
        { new BsonInt32(2), new BsonDecimal128(2.0001m) },
        { new BsonDateTime(-1), new BsonDateTime(0) },
        { new BsonTimestamp(1, 5), new BsonTimestamp(2, 0) },
        { new BsonTimestamp(0x7FFFFFFF, 0), new BsonTimestamp(unchecked((int)0x80000000), 0) },
        { new BsonBinaryData([9, 9]), new BsonBinaryData([1, 1, 1]) },
        {
            new BsonBinaryData([5], BsonBinarySubType.Binary),
            new BsonBinaryData([1], BsonBinarySubType.UserDefined)
        },
        { new BsonArray { 1, 2 }, new BsonArray { 1, 3 } },
        { new BsonArray { 1 }, new BsonArray { 1, 0 } },
        { new BsonDocument("a", 1), new BsonDocument("a", 2) },
        { new BsonDocument("a", 1), new BsonDocument("b", 0) },
        { new BsonDocument("a", 5), new BsonDocument("a", "x") },
        { new BsonDocument("a", 1), new BsonDocument { { "a", 1 }, { "b", 1 } } },
    };

    [Theory]
    [MemberData(nameof(AscendingPairs))]
    public void Compare_should_order_values_per_bson_type_order_when_values_differ(BsonValue low, BsonValue high)
    {
        var forward = BsonOrder.Compare(low, high);
        var backward = BsonOrder.Compare(high, low);

        Assert.True(forward < 0, $"{low} should sort before {high}");
        Assert.True(backward > 0, $"{high} should sort after {low}");
    }

    public static TheoryData<BsonValue, BsonValue> EqualPairs => new()
    {
        { new BsonInt32(1), new BsonInt64(1) },
        { new BsonInt32(1), new BsonDouble(1.0) },
        { new BsonInt64(1), new BsonDecimal128(1m) },
        { new BsonDouble(double.NaN), new BsonDouble(double.NaN) },
        { new BsonDouble(double.NaN), new BsonDecimal128(Decimal128.QNaN) },
        { new BsonDouble(-0.0), new BsonInt32(0) },
        { new BsonString("x"), (BsonSymbol)"x" },
        { new BsonDocument("a", 1), new BsonDocument("a", 1.0) },
        { new BsonArray { 1, "b" }, new BsonArray { 1L, "b" } },
        { BsonNull.Value, BsonNull.Value },
    };

    [Theory]
    [MemberData(nameof(EqualPairs))]
    public void ValueEquals_should_be_true_when_values_are_equal_across_numeric_types(BsonValue a, BsonValue b)
    {
        var equal = BsonOrder.ValueEquals(a, b);

        Assert.True(equal);
    }

    [Fact]
    public void Compare_should_use_utf8_byte_order_when_strings_contain_surrogate_pairs()
    {
        var privateUse = new BsonString("\uE000");
        var emoji = new BsonString("\U0001F600");

        var result = BsonOrder.Compare(privateUse, emoji);

        Assert.True(result < 0, "U+E000 (EE 80 80) must sort before U+1F600 (F0 9F 98 80) in UTF-8 order");
        Assert.True(string.CompareOrdinal("\uE000", "\U0001F600") > 0, "precondition: UTF-16 order differs");
    }

    [Fact]
    public void Compare_should_treat_prefix_as_smaller_when_one_string_is_a_prefix()
    {
        var result = BsonOrder.Compare("ab", "abc");

        Assert.True(result < 0);
    }

    [Fact]
    public void Comparer_should_sort_spec_case_21_values_in_bson_order_when_mixed()
    {
        var values = new List<BsonValue> { "é", "a", 2L, "B", 1.5, BsonNull.Value, 1 };

        values.Sort(BsonOrder.Comparer);

        Assert.Equal(new BsonValue[] { BsonNull.Value, 1, 1.5, 2L, "B", "a", "é" }, values);
    }

    [Fact]
    public void Compare_should_not_treat_large_long_and_rounded_double_as_equal()
    {
        var big = new BsonInt64(long.MaxValue);
        var rounded = new BsonDouble(9223372036854775807.0);

        var result = BsonOrder.Compare(big, rounded);

        Assert.True(result < 0);
    }
}
