using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>Builds the document an upsert starts from: the query's equality predicates.</summary>
public static class UpsertSeed
{
    public static BsonDocument From(QueryFilter filter) => throw new NotImplementedException();
}
