using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// Numeric arithmetic with the server's widening rules: int32 widens to int64 on overflow, double
/// beats integers, decimal beats everything. Returns null when an int64 result overflows, which
/// update operators report as an error and expressions turn into a double.
/// </summary>
internal static class BsonArithmetic
{
    public static BsonValue? Add(BsonValue a, BsonValue b) => Combine(a, b, multiply: false);

    public static BsonValue? Multiply(BsonValue a, BsonValue b) => Combine(a, b, multiply: true);

    /// <summary>Zero of the same numeric type (what $mul writes into a missing field).</summary>
    public static BsonValue ZeroLike(BsonValue v) => v.BsonType switch
    {
        BsonType.Int32 => new BsonInt32(0),
        BsonType.Int64 => new BsonInt64(0),
        BsonType.Decimal128 => new BsonDecimal128(Decimal128.Zero),
        _ => new BsonDouble(0),
    };

    private static BsonValue? Combine(BsonValue a, BsonValue b, bool multiply)
    {
        if (a.BsonType == BsonType.Decimal128 || b.BsonType == BsonType.Decimal128)
        {
            // System.Decimal covers 28 digits, not Decimal128's full range: refuse rather than round.
            try
            {
                var x = (decimal)BsonOrder.ToDecimal128(a);
                var y = (decimal)BsonOrder.ToDecimal128(b);
                return new BsonDecimal128(new Decimal128(multiply ? x * y : x + y));
            }
            catch (OverflowException)
            {
                throw MongoErrors.Unsupported($"decimal arithmetic beyond 28 digits ({a}, {b})");
            }
        }

        if (a.BsonType == BsonType.Double || b.BsonType == BsonType.Double)
        {
            var x = a.ToDouble();
            var y = b.ToDouble();
            return new BsonDouble(multiply ? x * y : x + y);
        }

        if (a.BsonType == BsonType.Int32 && b.BsonType == BsonType.Int32)
        {
            var wide = multiply ? (long)a.AsInt32 * b.AsInt32 : (long)a.AsInt32 + b.AsInt32;
            return wide is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)wide) : new BsonInt64(wide);
        }

        try
        {
            var l = checked(multiply ? a.ToInt64() * b.ToInt64() : a.ToInt64() + b.ToInt64());
            return new BsonInt64(l);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
