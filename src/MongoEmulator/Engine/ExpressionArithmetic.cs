using System.Globalization;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>$add, $subtract, $multiply: null or missing operands give null; dates mix with milliseconds.</summary>
internal static class Arithmetic
{
    public static CompiledExpression Add(CompiledExpression[] args) =>
        (in ExpressionScope s) =>
        {
            BsonValue total = new BsonInt32(0);
            BsonDateTime? date = null;
            foreach (var arg in args)
            {
                var value = arg(s);
                if (value is null || value.IsBsonNull || value.IsBsonUndefined)
                {
                    return BsonNull.Value;
                }

                if (value is BsonDateTime d)
                {
                    if (date is not null)
                    {
                        throw new MongoCommandError(16612, "Location16612",
                            "only one date allowed in an $add expression");
                    }

                    date = d;
                    continue;
                }

                total = Sum(total, Numeric("$add", value));
            }

            return date is null ? total : ShiftDate(date, total);
        };

    public static CompiledExpression Subtract(CompiledExpression[] args) =>
        (in ExpressionScope s) =>
        {
            var left = args[0](s);
            var right = args[1](s);
            if (IsNullish(left) || IsNullish(right))
            {
                return BsonNull.Value;
            }

            if (left is BsonDateTime l && right is BsonDateTime r)
            {
                return new BsonInt64(l.MillisecondsSinceEpoch - r.MillisecondsSinceEpoch);
            }

            var negated = Product(new BsonInt32(-1), Numeric("$subtract", right!));
            return left is BsonDateTime date ? ShiftDate(date, negated) : Sum(Numeric("$subtract", left!), negated);
        };

    public static CompiledExpression Multiply(CompiledExpression[] args) =>
        (in ExpressionScope s) =>
        {
            BsonValue product = new BsonInt32(1);
            foreach (var arg in args)
            {
                var value = arg(s);
                if (IsNullish(value))
                {
                    return BsonNull.Value;
                }

                product = Product(product, Numeric("$multiply", value!));
            }

            return product;
        };

    private static bool IsNullish(BsonValue? value) => value is null || value.IsBsonNull || value.IsBsonUndefined;

    private static BsonValue Numeric(string op, BsonValue value) => BsonOrder.IsNumber(value)
        ? value
        : throw MongoCommandError.TypeMismatch(
            $"{op} only supports numeric or date types, not {value.BsonType.ToString().ToLowerInvariant()}");

    // Expressions, unlike $inc, fall back to double when int64 overflows.
    private static BsonValue Sum(BsonValue a, BsonValue b) =>
        BsonArithmetic.Add(a, b) ?? new BsonDouble(a.ToDouble() + b.ToDouble());

    private static BsonValue Product(BsonValue a, BsonValue b) =>
        BsonArithmetic.Multiply(a, b) ?? new BsonDouble(a.ToDouble() * b.ToDouble());

    private static BsonDateTime ShiftDate(BsonDateTime date, BsonValue milliseconds)
    {
        var delta = milliseconds.BsonType switch
        {
            BsonType.Double => (long)Math.Round(milliseconds.AsDouble, MidpointRounding.ToEven),
            BsonType.Decimal128 => (long)Math.Round((decimal)milliseconds.AsDecimal128),
            _ => milliseconds.ToInt64(),
        };
        return new BsonDateTime(date.MillisecondsSinceEpoch + delta);
    }
}

internal static class Conversions
{
    public static CompiledExpression ToDate(CompiledExpression arg) =>
        (in ExpressionScope s) =>
        {
            var value = arg(s);
            return value switch
            {
                null or BsonNull or BsonUndefined => BsonNull.Value,
                BsonDateTime => value,
                BsonInt64 or BsonDouble or BsonDecimal128 or BsonInt32 =>
                    new BsonDateTime((long)Math.Truncate(value.ToDouble())),
                BsonObjectId id => new BsonDateTime(id.Value.CreationTime),
                BsonTimestamp ts => new BsonDateTime(ts.Timestamp * 1000L),
                BsonString str => ParseDate(str.Value),
                _ => throw Failure(value.BsonType.ToString()),
            };
        };

    private static BsonDateTime ParseDate(string text)
    {
        const DateTimeStyles Styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, Styles, out var parsed)
            ? new BsonDateTime(parsed)
            : throw Failure($"string '{text}'");
    }

    private static MongoCommandError Failure(string what) =>
        new(241, "ConversionFailure", $"Unsupported conversion from {what} to date in $convert");
}
