using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// One committed change in the server's total order: a value, not an object. Its documents are BSON, the document
/// key as <c>{_id: ...}</c>; inside the history they are slices of its payload chunks, so thousands of events a
/// second add no objects, and no pointers from old objects to young ones, for the collector to follow. They are
/// decoded per cursor into the event a client sees (updateLookup, user pipeline).
/// </summary>
internal readonly record struct ChangeEvent(
    long Sequence,
    long ClusterTimeValue,
    DateTime WallTime,
    string OperationType,
    string Database,
    string? Collection,
    ReadOnlyMemory<byte> DocumentKey,
    ReadOnlyMemory<byte> FullDocument,
    ReadOnlyMemory<byte> UpdateDescription)
{
    public BsonTimestamp ClusterTime => new(ClusterTimeValue);

    /// <summary>An event of <paramref name="operationType"/>; documents are copied when it is appended.</summary>
    public static ChangeEvent Of(
        long sequence, BsonTimestamp clusterTime, string operationType, string database, string? collection,
        BsonValue? documentId = null, ReadOnlyMemory<byte> fullDocument = default,
        ReadOnlyMemory<byte> updateDescription = default) =>
        new(sequence, clusterTime.Value, DateTime.UtcNow, operationType, database, collection,
            documentId is null ? default : WrapperBson.Encode(new BsonDocument("_id", documentId)),
            fullDocument, updateDescription);

    /// <summary>The changed document's <c>_id</c>, or null for events without one (drop, dropDatabase).</summary>
    public BsonValue? DocumentId => DocumentKey.IsEmpty ? null : WrapperBson.Decode(DocumentKey)["_id"];
}
