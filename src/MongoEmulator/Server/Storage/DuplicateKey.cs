using System.Globalization;
using System.Text;
using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>Builds MongoDB's E11000 error, whose errmsg product code parses for the index name.</summary>
internal static class DuplicateKey
{
    public static MongoCommandError Error(CollectionStore collection, IndexSpec spec, BsonValue[] key)
    {
        var keyValue = new BsonDocument();
        var text = new StringBuilder();
        for (var i = 0; i < spec.Fields.Length; i++)
        {
            keyValue[spec.Fields[i]] = key[i];
            if (i > 0) text.Append(", ");
            text.Append(spec.Fields[i]).Append(": ").Append(Format(key[i]));
        }

        var message = $"E11000 duplicate key error collection: {collection.Database}.{collection.Name} "
            + $"index: {spec.Name} dup key: {{ {text} }}";
        var extra = new BsonDocument { { "keyPattern", spec.Key.DeepClone() }, { "keyValue", keyValue } };
        return new MongoCommandError(11000, "DuplicateKey", message, extra);
    }

    private static string Format(BsonValue value) => value switch
    {
        BsonString s => "\"" + s.Value + "\"",
        BsonObjectId o => $"ObjectId('{o.Value}')",
        BsonNull => "null",
        BsonInt32 i => i.Value.ToString(CultureInfo.InvariantCulture),
        BsonInt64 l => l.Value.ToString(CultureInfo.InvariantCulture),
        BsonDouble d => d.Value.ToString("R", CultureInfo.InvariantCulture),
        BsonBoolean b => b.Value ? "true" : "false",
        BsonDateTime dt => $"new Date({dt.MillisecondsSinceEpoch})",
        _ => value.ToJson(),
    };
}
