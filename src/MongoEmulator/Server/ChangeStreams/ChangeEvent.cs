using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// One committed change in the server's total order. A value, held in the history's ring: at thousands of writes
/// a second an object per event (and its timestamp) lived long enough to reach the oldest GC generation and lengthen
/// every collection on the way. Documents are BSON (the stored record's own bytes for inserts and replacements),
/// decoded per cursor into the event a client sees (updateLookup, user pipeline).
/// </summary>
internal readonly record struct ChangeEvent(
    long Sequence,
    long ClusterTimeValue,
    DateTime WallTime,
    string OperationType,
    string Database,
    string? Collection,
    BsonValue? DocumentId,
    byte[]? FullDocument,
    byte[]? UpdateDescription)
{
    public ChangeEvent(
        long sequence, BsonTimestamp clusterTime, DateTime wallTime, string operationType, string database,
        string? collection, BsonValue? documentId, byte[]? fullDocument, byte[]? updateDescription)
        : this(sequence, clusterTime.Value, wallTime, operationType, database, collection, documentId, fullDocument,
            updateDescription)
    {
    }

    public BsonTimestamp ClusterTime => new(ClusterTimeValue);
}
