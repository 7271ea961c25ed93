using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>Builds the document an upsert starts from: the query's equality predicates.</summary>
public static class UpsertSeed
{
    /// <summary>
    /// Equality predicates become fields (dotted paths as nested documents; <c>_id</c> first);
    /// range predicates are not copied. Two equalities on conflicting paths throw NotExactValueField-like
    /// errors as the server does (code 54).
    /// </summary>
    public static BsonDocument From(QueryFilter filter)
    {
        var seed = new BsonDocument();
        foreach (var (path, value) in filter.Equalities)
        {
            var parts = FilterParser.SplitPath(path);
            var container = seed;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!container.TryGetValue(parts[i], out var next))
                {
                    next = new BsonDocument();
                    container.Add(parts[i], next);
                }
                else if (next is not BsonDocument)
                {
                    throw Conflict(path);
                }

                container = next.AsBsonDocument;
            }

            var leaf = parts[^1];
            if (container.Contains(leaf))
            {
                throw Conflict(path);
            }

            container.Add(leaf, value.DeepClone());
        }

        if (seed.TryGetValue("_id", out var id) && seed.IndexOfName("_id") != 0)
        {
            seed.Remove("_id");
            seed.InsertAt(0, new BsonElement("_id", id));
        }

        return seed;
    }

    private static MongoCommandError Conflict(string path) =>
        new(54, "NotSingleValueField", $"cannot infer query fields to set, path '{path}' is matched twice");
}
