using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// One committed change in the server's total order. Documents are held as BSON (the stored record's own bytes
/// for inserts and replacements), decoded per cursor into the event a client sees (updateLookup, user pipeline).
/// </summary>
internal sealed record ChangeEvent(
    long Sequence,
    BsonTimestamp ClusterTime,
    DateTime WallTime,
    string OperationType,
    string Database,
    string? Collection,
    BsonValue? DocumentId,
    byte[]? FullDocument,
    byte[]? UpdateDescription);
