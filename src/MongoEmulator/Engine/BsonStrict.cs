using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// Byte-level BSON equality: same types, same field order, same bits. The server detects no-op
/// updates by comparing the stored bytes, so 1 and 1.0 differ here although queries see them equal.
/// </summary>
internal static class BsonStrict
{
    public static bool Equal(BsonValue a, BsonValue b)
    {
        if (a.BsonType != b.BsonType)
        {
            return false;
        }

        switch (a.BsonType)
        {
            case BsonType.Document:
                var x = a.AsBsonDocument;
                var y = b.AsBsonDocument;
                if (x.ElementCount != y.ElementCount)
                {
                    return false;
                }

                for (var i = 0; i < x.ElementCount; i++)
                {
                    var ex = x.GetElement(i);
                    var ey = y.GetElement(i);
                    if (ex.Name != ey.Name || !Equal(ex.Value, ey.Value))
                    {
                        return false;
                    }
                }

                return true;
            case BsonType.Array:
                var p = a.AsBsonArray;
                var q = b.AsBsonArray;
                if (p.Count != q.Count)
                {
                    return false;
                }

                for (var i = 0; i < p.Count; i++)
                {
                    if (!Equal(p[i], q[i]))
                    {
                        return false;
                    }
                }

                return true;
            case BsonType.Double:
                return BitConverter.DoubleToInt64Bits(a.AsDouble) == BitConverter.DoubleToInt64Bits(b.AsDouble);
            case BsonType.Decimal128:
                var d1 = a.AsDecimal128;
                var d2 = b.AsDecimal128;
                return d1.GetIEEEHighBits() == d2.GetIEEEHighBits() && d1.GetIEEELowBits() == d2.GetIEEELowBits();
            case BsonType.Binary:
                var b1 = a.AsBsonBinaryData;
                var b2 = b.AsBsonBinaryData;
                return b1.SubType == b2.SubType && b1.Bytes.AsSpan().SequenceEqual(b2.Bytes);
            default:
                return a.Equals(b);
        }
    }
}

/// <summary>Hashing consistent with <see cref="BsonOrder.ValueEquals"/> (1, 1L and 1.0 share a key).</summary>
internal sealed class BsonValueKeyComparer : IEqualityComparer<BsonValue>
{
    public static BsonValueKeyComparer Instance { get; } = new();

    public bool Equals(BsonValue? x, BsonValue? y) =>
        x is null || y is null ? ReferenceEquals(x, y) : BsonOrder.ValueEquals(x, y);

    public int GetHashCode(BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Int32:
            case BsonType.Int64:
            case BsonType.Double:
            case BsonType.Decimal128:
                var d = value.BsonType == BsonType.Decimal128
                    ? (double)value.AsDecimal128 : value.ToDouble();
                return double.IsNaN(d) ? 0 : d.GetHashCode();
            case BsonType.String:
            case BsonType.Symbol:
                return StringComparer.Ordinal.GetHashCode(BsonOrder.StringOf(value));
            case BsonType.Document:
                var hash = new HashCode();
                foreach (var e in value.AsBsonDocument)
                {
                    hash.Add(e.Name, StringComparer.Ordinal);
                    hash.Add(GetHashCode(e.Value));
                }

                return hash.ToHashCode();
            case BsonType.Array:
                var arrayHash = new HashCode();
                foreach (var e in value.AsBsonArray)
                {
                    arrayHash.Add(GetHashCode(e));
                }

                return arrayHash.ToHashCode();
            case BsonType.Null:
            case BsonType.Undefined:
            case BsonType.MinKey:
            case BsonType.MaxKey:
                return BsonOrder.TypeRank(value.BsonType);
            default:
                return value.GetHashCode();
        }
    }
}
