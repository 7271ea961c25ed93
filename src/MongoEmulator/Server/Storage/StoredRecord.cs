using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>
/// One stored document. <see cref="Document"/> is replaced, never mutated, so readers that copied the
/// reference under the lock can serialize it later without holding the lock.
/// </summary>
internal sealed class StoredRecord(long recordId, BsonDocument document)
{
    public long RecordId { get; } = recordId;

    public BsonDocument Document { get; set; } = document;

    public BsonValue Id => Document["_id"];
}
