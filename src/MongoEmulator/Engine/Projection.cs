using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>A find/findAndModify projection (inclusion or exclusion, dotted paths, <c>_id</c> rules).</summary>
public sealed class Projection
{
    public static Projection Parse(BsonDocument? projection) => throw new NotImplementedException();

    public BsonDocument Apply(BsonDocument document) => throw new NotImplementedException();
}
