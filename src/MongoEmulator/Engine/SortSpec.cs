using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>A sort specification; arrays sort by min (ascending) / max (descending) element.</summary>
public sealed class SortSpec
{
    public static SortSpec Parse(BsonDocument? sort) => throw new NotImplementedException();

    public bool IsEmpty => throw new NotImplementedException();

    public IComparer<BsonDocument> Comparer => throw new NotImplementedException();
}
