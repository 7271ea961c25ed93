using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>MongoDB's cross-type BSON comparison order (simple collation).</summary>
public static class BsonOrder
{
    /// <summary>Compares two values: type order first, numbers by value, strings by UTF-8 bytes.</summary>
    public static int Compare(BsonValue a, BsonValue b)
    {
        var rankA = TypeRank(a.BsonType);
        var rankB = TypeRank(b.BsonType);
        if (rankA != rankB)
        {
            return rankA < rankB ? -1 : 1;
        }

        return a.BsonType switch
        {
            BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => CompareNumbers(a, b),
            BsonType.String or BsonType.Symbol => CompareStrings(StringOf(a), StringOf(b)),
            BsonType.Document => CompareDocuments(a.AsBsonDocument, b.AsBsonDocument),
            BsonType.Array => CompareArrays(a.AsBsonArray, b.AsBsonArray),
            BsonType.Binary => CompareBinary(a.AsBsonBinaryData, b.AsBsonBinaryData),
            BsonType.ObjectId => a.AsObjectId.CompareTo(b.AsObjectId),
            BsonType.Boolean => a.AsBoolean.CompareTo(b.AsBoolean),
            BsonType.DateTime => a.AsBsonDateTime.MillisecondsSinceEpoch
                .CompareTo(b.AsBsonDateTime.MillisecondsSinceEpoch),
            BsonType.Timestamp => ((ulong)a.AsBsonTimestamp.Value).CompareTo((ulong)b.AsBsonTimestamp.Value),
            BsonType.RegularExpression => CompareRegex(a.AsBsonRegularExpression, b.AsBsonRegularExpression),
            BsonType.JavaScript => CompareStrings(a.AsBsonJavaScript.Code, b.AsBsonJavaScript.Code),
            BsonType.JavaScriptWithScope => CompareStrings(
                a.AsBsonJavaScriptWithScope.Code, b.AsBsonJavaScriptWithScope.Code),
            _ => 0, // MinKey, MaxKey, null, undefined: a single value per type.
        };
    }

    /// <summary>Equality as a query or a unique index sees it (1 == 1L == 1.0).</summary>
    public static bool ValueEquals(BsonValue a, BsonValue b) => Compare(a, b) == 0;

    public static IComparer<BsonValue> Comparer { get; } = Comparer<BsonValue>.Create(Compare);

    /// <summary>
    /// Canonical type bracket, mirroring the server's canonicalizeBSONType: numbers share one bracket,
    /// as do string and symbol. Query comparison operators only match values of the same bracket.
    /// </summary>
    internal static int TypeRank(BsonType type) => type switch
    {
        BsonType.MinKey => -1,
        BsonType.Undefined => 0,
        BsonType.Null => 5,
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => 10,
        BsonType.String or BsonType.Symbol => 15,
        BsonType.Document => 20,
        BsonType.Array => 25,
        BsonType.Binary => 30,
        BsonType.ObjectId => 35,
        BsonType.Boolean => 40,
        BsonType.DateTime => 45,
        BsonType.Timestamp => 47,
        BsonType.RegularExpression => 50,
        BsonType.JavaScript => 60,
        BsonType.JavaScriptWithScope => 65,
        BsonType.MaxKey => 100,
        _ => 55,
    };

    internal static bool IsNumber(BsonValue v) =>
        v.BsonType is BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128;

    internal static string StringOf(BsonValue v) =>
        v.BsonType == BsonType.Symbol ? v.AsBsonSymbol.Name : v.AsString;

    /// <summary>
    /// Ordinal comparison in Unicode code point order, which is UTF-8 byte order. Plain UTF-16 ordinal
    /// comparison puts surrogate pairs (U+10000 and above) before U+E000..U+FFFF; this corrects that.
    /// </summary>
    internal static int CompareStrings(string a, string b)
    {
        var common = a.AsSpan().CommonPrefixLength(b.AsSpan());
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return CodePointKey(a[common]).CompareTo(CodePointKey(b[common]));
    }

    // Surrogates (D800-DFFF) move above E000-FFFF; E000-FFFF move down into the surrogate gap.
    private static int CodePointKey(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;

    internal static int CompareNumbers(BsonValue a, BsonValue b)
    {
        if (a.BsonType is BsonType.Int32 or BsonType.Int64 && b.BsonType is BsonType.Int32 or BsonType.Int64)
        {
            return a.ToInt64().CompareTo(b.ToInt64());
        }

        if (a.BsonType == BsonType.Decimal128 || b.BsonType == BsonType.Decimal128)
        {
            return CompareDecimals(ToDecimal128(a), ToDecimal128(b));
        }

        if (a.BsonType == BsonType.Double && b.BsonType == BsonType.Double)
        {
            return CompareDoubles(a.AsDouble, b.AsDouble);
        }

        return a.BsonType == BsonType.Double
            ? -CompareLongToDouble(b.ToInt64(), a.AsDouble)
            : CompareLongToDouble(a.ToInt64(), b.AsDouble);
    }

    // NaN sorts below every other number and equals itself, as in the server.
    private static int CompareDoubles(double x, double y)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.IsNaN(x) ? (double.IsNaN(y) ? 0 : -1) : 1;
        }

        return x.CompareTo(y);
    }

    // Exact: casting a large long to double would round and report false equality.
    private static int CompareLongToDouble(long l, double d)
    {
        if (double.IsNaN(d))
        {
            return 1;
        }

        if (d >= 9223372036854775808.0)
        {
            return -1;
        }

        if (d < -9223372036854775808.0)
        {
            return 1;
        }

        var truncated = Math.Truncate(d);
        var whole = (long)truncated;
        if (l != whole)
        {
            return l.CompareTo(whole);
        }

        var fraction = d - truncated;
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    private static int CompareDecimals(Decimal128 x, Decimal128 y)
    {
        if (Decimal128.IsNaN(x) || Decimal128.IsNaN(y))
        {
            return Decimal128.IsNaN(x) ? (Decimal128.IsNaN(y) ? 0 : -1) : 1;
        }

        return x.CompareTo(y);
    }

    internal static Decimal128 ToDecimal128(BsonValue v) => v.BsonType switch
    {
        BsonType.Decimal128 => v.AsDecimal128,
        BsonType.Double => double.IsNaN(v.AsDouble) ? Decimal128.QNaN : new Decimal128(v.AsDouble),
        _ => new Decimal128(v.ToInt64()),
    };

    private static int CompareDocuments(BsonDocument a, BsonDocument b)
    {
        var count = Math.Min(a.ElementCount, b.ElementCount);
        for (var i = 0; i < count; i++)
        {
            var x = a.GetElement(i);
            var y = b.GetElement(i);
            var byType = TypeRank(x.Value.BsonType).CompareTo(TypeRank(y.Value.BsonType));
            if (byType != 0)
            {
                return byType;
            }

            var byName = CompareStrings(x.Name, y.Name);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = Compare(x.Value, y.Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return a.ElementCount.CompareTo(b.ElementCount);
    }

    private static int CompareArrays(BsonArray a, BsonArray b)
    {
        var count = Math.Min(a.Count, b.Count);
        for (var i = 0; i < count; i++)
        {
            var c = Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static int CompareBinary(BsonBinaryData a, BsonBinaryData b)
    {
        if (a.Bytes.Length != b.Bytes.Length)
        {
            return a.Bytes.Length.CompareTo(b.Bytes.Length);
        }

        if (a.SubType != b.SubType)
        {
            return ((byte)a.SubType).CompareTo((byte)b.SubType);
        }

        return a.Bytes.AsSpan().SequenceCompareTo(b.Bytes);
    }

    private static int CompareRegex(BsonRegularExpression a, BsonRegularExpression b)
    {
        var byPattern = CompareStrings(a.Pattern, b.Pattern);
        return byPattern != 0 ? byPattern : CompareStrings(a.Options, b.Options);
    }
}
