using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Tests.Engine;

internal static class UpdateTestSupport
{
    public static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, 123, DateTimeKind.Utc);

    public static readonly BsonTimestamp ClusterTime = new(1_740_000_000, 7);

    public static readonly UpdateContext Update = new(Now, ClusterTime, IsUpsertInsert: false);

    public static readonly UpdateContext UpsertInsert = new(Now, ClusterTime, IsUpsertInsert: true);

    public static UpdateOutcome Apply(string update, string document, UpdateContext? context = null) =>
        UpdateSpec.Parse(Parse(update)).Apply(BsonDocument.Parse(document), context ?? Update);

    public static BsonValue Parse(string update) =>
        update.TrimStart().StartsWith('[') ? BsonSerializerHelpers.ParseArray(update) : BsonDocument.Parse(update);

    public static string Json(BsonDocument document) => document.ToJson();
}

internal static class BsonSerializerHelpers
{
    public static BsonArray ParseArray(string json) => BsonDocument.Parse($"{{v: {json}}}")["v"].AsBsonArray;
}
