using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Indexes of every HaScheduler collection; creating them again is a no-op. The runs TTL index expires a
/// document at its own <c>expire_at</c> (expireAfterSeconds 0), so changing the retention never needs an
/// index change: it only affects records written afterwards.
/// </summary>
public static class MongoIndexes
{
    public const string RunsByOccurrence = "schedule_id_1_occurrence_1";
    public const string RunsNewestFirst = "schedule_id_1_occurrence_-1";
    public const string RunsExpiry = "expire_at_ttl";
    public const string RunsByStatus = "status_1_claimed_at_1";

    public static async Task EnsureAsync(IMongoDatabase database, CancellationToken ct)
    {
        var runs = database.GetCollection<BsonDocument>(MongoCollections.Runs)
            .WithWriteConcern(WriteConcern.WMajority);
        var keys = Builders<BsonDocument>.IndexKeys;
        CreateIndexModel<BsonDocument>[] models =
        [
            new(
                keys.Ascending(RunDocumentMapper.ScheduleId).Ascending(RunDocumentMapper.Occurrence),
                new CreateIndexOptions { Name = RunsByOccurrence, Unique = true }),
            new(
                keys.Ascending(RunDocumentMapper.ScheduleId).Descending(RunDocumentMapper.Occurrence),
                new CreateIndexOptions { Name = RunsNewestFirst }),
            new(
                keys.Ascending(RunDocumentMapper.ExpireAt),
                new CreateIndexOptions { Name = RunsExpiry, ExpireAfter = TimeSpan.Zero }),

            // The takeover finds runs still "claimed" without scanning the ledger.
            new(
                keys.Ascending(RunDocumentMapper.Status).Ascending(RunDocumentMapper.ClaimedAt),
                new CreateIndexOptions { Name = RunsByStatus }),
        ];

        await runs.Indexes.CreateManyAsync(models, ct);

        // schedules, leases and schedule_state are only read by _id (or scanned whole on takeover):
        // the default _id index is all they need.
    }
}
