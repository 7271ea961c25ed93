using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>Parsing helpers around the engine; an empty filter skips matching entirely.</summary>
internal static class Queries
{
    public static QueryFilter? Filter(BsonValue? value) => value switch
    {
        null or BsonNull => null,
        BsonDocument { ElementCount: 0 } => null,
        BsonDocument document => QueryFilter.Parse(document),
        _ => throw MongoCommandError.TypeMismatch($"filter must be an object, got {value.BsonType}"),
    };

    public static SortSpec? Sort(BsonValue? value)
    {
        if (value is not BsonDocument { ElementCount: > 0 } document) return null;
        var sort = SortSpec.Parse(document);
        return sort.IsEmpty ? null : sort;
    }

    public static Projection? Projection(BsonValue? value) =>
        value is BsonDocument { ElementCount: > 0 } document ? Engine.Projection.Parse(document) : null;

    /// <summary>Stable sort, as MongoDB keeps ties in scan order.</summary>
    public static List<BsonDocument> Ordered(List<BsonDocument> documents, SortSpec? sort) =>
        sort is null ? documents : documents.OrderBy(d => d, sort.Comparer).ToList();
}
