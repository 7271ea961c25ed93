using MongoDB.Bson;
using HaScheduler.MongoEmulator.Engine;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>A declared index as createIndexes received it.</summary>
internal sealed class IndexSpec
{
    private IndexSpec(BsonDocument key, string name, BsonDocument raw)
    {
        Key = key;
        Name = name;
        Raw = raw;
        Fields = key.Elements.Select(e => e.Name).ToArray();
        Paths = Fields.Select(f => f.Split('.')).ToArray();
        Descending = key.Elements.Select(e => e.Value.IsNumeric && e.Value.ToDouble() < 0).ToArray();
        Unique = raw.GetValue("unique", false).ToBoolean();
        Sparse = raw.GetValue("sparse", false).ToBoolean();
        if (raw.TryGetValue("partialFilterExpression", out var partial) && partial.IsBsonDocument)
        {
            PartialFilter = QueryFilter.Parse(partial.AsBsonDocument);
        }

        if (raw.TryGetValue("expireAfterSeconds", out var ttl) && ttl.IsNumeric)
        {
            ExpireAfter = TimeSpan.FromSeconds(ttl.ToDouble());
        }
    }

    public BsonDocument Key { get; }

    public string Name { get; }

    /// <summary>The spec as listIndexes reports it (<c>v</c>, <c>key</c>, <c>name</c>, options).</summary>
    public BsonDocument Raw { get; }

    public string[] Fields { get; }

    /// <summary><see cref="Fields"/> split at the dots, once, for key extraction on every write.</summary>
    public string[][] Paths { get; }

    public bool[] Descending { get; }

    public bool Unique { get; }

    public bool Sparse { get; }

    public QueryFilter? PartialFilter { get; }

    public TimeSpan? ExpireAfter { get; }

    public bool IsIdIndex => Name == "_id_";

    public static IndexSpec IdIndex() =>
        new(
            new BsonDocument("_id", 1),
            "_id_",
            new BsonDocument { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } });

    /// <summary>Validates a createIndexes entry; throws MongoCommandError for malformed specs.</summary>
    public static IndexSpec From(BsonDocument spec)
    {
        if (!spec.TryGetValue("key", out var key) || !key.IsBsonDocument || key.AsBsonDocument.ElementCount == 0)
        {
            throw new MongoCommandError(67, "CannotCreateIndex", "index specification must have a non-empty 'key'");
        }

        foreach (var element in key.AsBsonDocument)
        {
            if (!element.Value.IsNumeric || element.Value.ToDouble() == 0)
            {
                throw new MongoCommandError(67, "CannotCreateIndex",
                    $"Values in the index key pattern can only be non-zero numbers, got {element.Value}");
            }
        }

        var name = spec.TryGetValue("name", out var n) && n.IsString ? n.AsString : DefaultName(key.AsBsonDocument);
        var raw = new BsonDocument { { "v", 2 }, { "key", key }, { "name", name } };
        foreach (var element in spec)
        {
            if (element.Name is not ("key" or "name" or "v" or "ns")) raw[element.Name] = element.Value;
        }

        return new IndexSpec(key.AsBsonDocument, name, raw);
    }

    /// <summary>True when both specs would build the same index (name aside).</summary>
    public bool SameOptions(IndexSpec other) =>
        Unique == other.Unique && Sparse == other.Sparse && ExpireAfter == other.ExpireAfter
        && Raw.GetValue("partialFilterExpression", BsonNull.Value).Equals(
            other.Raw.GetValue("partialFilterExpression", BsonNull.Value));

    private static string DefaultName(BsonDocument key) =>
        string.Join("_", key.Elements.Select(e => $"{e.Name}_{e.Value}"));
}
