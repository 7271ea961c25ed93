using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Indexes of every HaScheduler collection; creating them again is a no-op. The runs TTL index expires a
/// document at its own <c>expire_at</c> (expireAfterSeconds 0), so changing the retention never needs an
/// index change: it only affects records written afterwards. Every run is written to each of its indexes, so
/// there are as few as the queries need: three hold every run, one only runs still in flight.
/// </summary>
public static class MongoIndexes
{
    private const int IndexNotFound = 27;

    public const string RunsByOccurrence = "schedule_id_1_occurrence_1";
    public const string RunsExpiry = "expire_at_ttl";
    public const string RunsClaimed = "claimed_runs";

    /// <summary>
    /// Indexes earlier versions created and this one drops: newest-first listing is served by
    /// <see cref="RunsByOccurrence"/> read backwards, and <see cref="RunsClaimed"/> replaces an index over every
    /// run's status with one over the claimed runs alone.
    /// </summary>
    public static readonly IReadOnlyList<string> Retired = ["schedule_id_1_occurrence_-1", "status_1_claimed_at_1"];

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
                keys.Ascending(RunDocumentMapper.ExpireAt),
                new CreateIndexOptions { Name = RunsExpiry, ExpireAfter = TimeSpan.Zero }),

            // The takeover finds runs still "claimed" without scanning the ledger. Partial: a run leaves this index
            // when its outcome is written, so it stays as small as the number of runs in flight.
            new(
                keys.Ascending(RunDocumentMapper.Status).Ascending(RunDocumentMapper.ClaimedAt),
                new CreateIndexOptions<BsonDocument>
                {
                    Name = RunsClaimed,
                    PartialFilterExpression = Builders<BsonDocument>.Filter.Eq(
                        RunDocumentMapper.Status, RunDocumentMapper.StatusToWire(Messages.RunStatus.Claimed)),
                }),
        ];

        // Retired indexes go first: one has the key pattern of the claimed-runs index, which a server may refuse to
        // create beside it.
        foreach (var name in Retired)
        {
            try
            {
                await runs.Indexes.DropOneAsync(name, ct);
            }
            catch (MongoCommandException e) when (e.Code == IndexNotFound)
            {
                // Never created here, or dropped by an earlier start.
            }
        }

        await runs.Indexes.CreateManyAsync(models, ct);

        // schedules, leases and schedule_state are only read by _id (or scanned whole on takeover):
        // the default _id index is all they need.
    }
}
