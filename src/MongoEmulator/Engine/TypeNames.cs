using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>The <c>$type</c> aliases and numbers of the query language.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<string, BsonType> ByName = new(StringComparer.Ordinal)
    {
        ["double"] = BsonType.Double,
        ["string"] = BsonType.String,
        ["object"] = BsonType.Document,
        ["array"] = BsonType.Array,
        ["binData"] = BsonType.Binary,
        ["undefined"] = BsonType.Undefined,
        ["objectId"] = BsonType.ObjectId,
        ["bool"] = BsonType.Boolean,
        ["date"] = BsonType.DateTime,
        ["null"] = BsonType.Null,
        ["regex"] = BsonType.RegularExpression,
        ["javascript"] = BsonType.JavaScript,
        ["symbol"] = BsonType.Symbol,
        ["javascriptWithScope"] = BsonType.JavaScriptWithScope,
        ["int"] = BsonType.Int32,
        ["timestamp"] = BsonType.Timestamp,
        ["long"] = BsonType.Int64,
        ["decimal"] = BsonType.Decimal128,
        ["minKey"] = BsonType.MinKey,
        ["maxKey"] = BsonType.MaxKey,
    };

    public static TypePredicate Parse(BsonValue spec)
    {
        var entries = spec is BsonArray array ? array.ToList() : [spec];
        if (entries.Count == 0)
        {
            throw MongoCommandError.FailedToParse("$type must match at least one type");
        }

        var types = new List<BsonType>();
        var anyNumber = false;
        foreach (var entry in entries)
        {
            if (entry is BsonString { Value: "number" })
            {
                anyNumber = true;
            }
            else if (entry is BsonString name)
            {
                types.Add(ByName.TryGetValue(name.Value, out var type)
                    ? type
                    : throw MongoCommandError.BadValue($"Unknown type name alias: {name.Value}"));
            }
            else if (BsonOrder.IsNumber(entry) && entry.ToDouble() == Math.Truncate(entry.ToDouble()))
            {
                var code = (int)entry.ToDouble();
                types.Add(Enum.IsDefined(typeof(BsonType), code)
                    ? (BsonType)code
                    : throw MongoCommandError.BadValue($"Invalid numerical type code: {code}"));
            }
            else
            {
                throw MongoCommandError.TypeMismatch(
                    $"type must be represented as a number or a string, not {entry}");
            }
        }

        return new TypePredicate(types, anyNumber);
    }
}
