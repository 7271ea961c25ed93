using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>Shapes events as MongoDB 7.0 reports them (no fields beyond what the driver accepts).</summary>
internal static class ChangeEventBuilder
{
    public static BsonDocument Build(ChangeEvent change, BsonDocument? lookedUp, bool lookup)
    {
        var document = new BsonDocument
        {
            { "_id", ResumeToken.ForEvent(change.ClusterTime).ToDocument() },
            { "operationType", change.OperationType },
            { "clusterTime", change.ClusterTime },
            { "wallTime", change.WallTime },
            { "ns", Namespace(change) },
        };
        if (!change.DocumentKey.IsEmpty) document["documentKey"] = WrapperBson.Decode(change.DocumentKey);
        switch (change.OperationType)
        {
            case "insert" or "replace":
                document["fullDocument"] = Decode(change.FullDocument);
                break;
            case "update":
                document["updateDescription"] = Decode(change.UpdateDescription);
                if (lookup) document["fullDocument"] = (BsonValue?)lookedUp ?? BsonNull.Value;
                break;
        }

        return document;
    }

    private static BsonValue Decode(ReadOnlyMemory<byte> bytes) =>
        bytes.IsEmpty ? BsonNull.Value : WrapperBson.Decode(bytes);

    public static BsonDocument Invalidate(ChangeEvent cause) => new()
    {
        { "_id", ResumeToken.ForEvent(cause.ClusterTime, invalidate: true).ToDocument() },
        { "operationType", "invalidate" },
        { "clusterTime", cause.ClusterTime },
        { "wallTime", cause.WallTime },
    };

    private static BsonDocument Namespace(ChangeEvent change)
    {
        var ns = new BsonDocument("db", change.Database);
        if (change.Collection is not null) ns["coll"] = change.Collection;
        return ns;
    }
}
