using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// One committed change in the server's total order. Documents are shared, immutable snapshots;
/// the event document a client sees is built per cursor (updateLookup, user pipeline).
/// </summary>
internal sealed record ChangeEvent(
    long Sequence,
    BsonTimestamp ClusterTime,
    DateTime WallTime,
    string OperationType,
    string Database,
    string? Collection,
    BsonValue? DocumentId,
    BsonDocument? FullDocument,
    BsonDocument? UpdateDescription);
