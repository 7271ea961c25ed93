using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>A single node is its own majority: only w >= 2 (or an unknown tag) cannot be satisfied.</summary>
internal static class WriteConcern
{
    public static BsonDocument? ErrorFor(BsonDocument command)
    {
        if (!command.TryGetValue("writeConcern", out var value) || value is not BsonDocument concern) return null;
        if (!concern.TryGetValue("w", out var w)) return null;
        if (w.IsNumeric && w.ToInt64() >= 2)
        {
            return new BsonDocument
            {
                { "code", 100 },
                { "codeName", "UnsatisfiableWriteConcern" },
                { "errmsg", "Not enough data-bearing nodes" },
                { "errInfo", new BsonDocument("writeConcern", concern.DeepClone()) },
            };
        }

        if (w is BsonString tag && tag.Value != "majority")
        {
            return new BsonDocument
            {
                { "code", 79 },
                { "codeName", "UnknownReplWriteConcern" },
                { "errmsg", $"No write concern mode named '{tag.Value}' found in replica set configuration" },
                { "errInfo", new BsonDocument("writeConcern", concern.DeepClone()) },
            };
        }

        return null;
    }
}
