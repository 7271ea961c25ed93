using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Run = HaScheduler.Node.Storage.RunDocumentMapper;
using State = HaScheduler.Node.Storage.ScheduleStateFields;

namespace HaScheduler.Node.Storage;

/// <summary>
/// The claim protocol of docs/ARCHITECTURE.md: a conditional upsert on <c>schedule_state</c> (the fence and
/// the position), then the run insert (unique per occurrence, a second guard). Both must succeed before an
/// occurrence may fire, so a lost race, a stale epoch or a retried claim all answer false: at most once.
/// </summary>
public sealed class MongoRunLedger : IRunLedger
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<BsonDocument> Update = Builders<BsonDocument>.Update;

    private readonly IMongoCollection<BsonDocument> state;
    private readonly IMongoCollection<BsonDocument> runs;
    private readonly TimeSpan retention;
    private readonly ILogger logger;

    public MongoRunLedger(
        IMongoDatabase database, IOptions<SchedulingOptions> options, ILogger<MongoRunLedger> logger)
    {
        state = database.GetCollection<BsonDocument>(MongoCollections.ScheduleState)
            .WithWriteConcern(WriteConcern.WMajority);
        runs = database.GetCollection<BsonDocument>(MongoCollections.Runs)
            .WithWriteConcern(WriteConcern.WMajority);
        retention = options.Value.RunRetention;
        this.logger = logger;
    }

    public async Task<bool> TryClaimAsync(
        string scheduleId, DateTimeOffset occurrence, long epoch, string node, CancellationToken ct)
    {
        var at = MongoTime.Truncate(occurrence);
        var now = MongoTime.Now();
        if (!await TryAdvanceStateAsync(scheduleId, at, epoch, node, now, ct))
        {
            StorageLog.ClaimRefused(logger, scheduleId, at, epoch);
            return false;
        }

        var run = Run.NewRun(scheduleId, at, epoch, node, RunStatus.Claimed, now, now + retention);
        try
        {
            await runs.InsertOneAsync(run, cancellationToken: ct);
            return true;
        }
        catch (MongoWriteException e) when (MongoErrors.IsDuplicateKey(e))
        {
            StorageLog.RunAlreadyRecorded(logger, Run.RunId(scheduleId, at), epoch);
            return false;
        }
    }

    public async Task RecordOutcomeAsync(
        string scheduleId, DateTimeOffset occurrence, RunStatus status, DateTimeOffset firedAt,
        TimeSpan lateness, string? error, CancellationToken ct)
    {
        var runId = Run.RunId(scheduleId, MongoTime.Truncate(occurrence));

        // An outcome may replace "unknown": a paused leader that was written off can still report the truth.
        var filter = Filter.And(
            Filter.Eq(Run.Id, runId),
            Filter.In(Run.Status, [Run.StatusToWire(RunStatus.Claimed), Run.StatusToWire(RunStatus.Unknown)]));
        var update = Update
            .Set(Run.Status, Run.StatusToWire(status))
            .Set(Run.FiredAt, MongoTime.ToBson(firedAt))
            .Set(Run.LatenessMs, new BsonInt64((long)lateness.TotalMilliseconds))
            .Set(Run.Error, error is null ? BsonNull.Value : (BsonValue)new BsonString(error));

        var result = await runs.UpdateOneAsync(filter, update, cancellationToken: ct);
        if (result.MatchedCount == 0)
        {
            StorageLog.OutcomeWithoutClaim(logger, Run.StatusToWire(status), runId);
        }
    }

    public async Task RecordSkippedAsync(
        string scheduleId, IReadOnlyList<DateTimeOffset> occurrences, long epoch, string node,
        CancellationToken ct)
    {
        if (occurrences.Count == 0)
        {
            return;
        }

        var now = MongoTime.Now();
        var instants = occurrences.Select(MongoTime.Truncate).Distinct().Order().ToList();

        // Moving the position past the skipped occurrences is what stops anyone firing them later. If the
        // position is already beyond them (the latest was fired first), only the fence must still hold.
        if (!await TryAdvanceStateAsync(scheduleId, instants[^1], epoch, node, now, ct)
            && !await IsUnfencedAsync(scheduleId, epoch, ct))
        {
            StorageLog.SkippedRefused(logger, scheduleId, epoch);
            return;
        }

        var documents = instants.Select(t =>
            Run.NewRun(scheduleId, t, epoch, node, RunStatus.Skipped, now, now + retention));
        await InsertIgnoringDuplicatesAsync(documents, ct);
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> FenceAndLoadPositionsAsync(
        long epoch, IReadOnlyCollection<string> scheduleIds, string node, CancellationToken ct) =>
        new RunLedgerFence(state, runs, retention, logger).RunAsync(epoch, scheduleIds, node, ct);

    public async Task<IReadOnlyList<RunRecord>> ListAsync(
        string scheduleId, int limit, DateTimeOffset? before, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filter = Filter.Eq(Run.ScheduleId, scheduleId);
        if (before is { } oldestSeen)
        {
            filter &= Filter.Lt(Run.Occurrence, MongoTime.ToBson(oldestSeen));
        }

        var documents = await runs.Find(filter)
            .Sort(Builders<BsonDocument>.Sort.Descending(Run.Occurrence))
            .Limit(limit)
            .ToListAsync(ct);
        return documents.ConvertAll(Run.FromDocument);
    }

    public Task ForgetAsync(string scheduleId, CancellationToken ct) =>
        state.DeleteOneAsync(Filter.Eq(State.Id, scheduleId), ct);

    /// <summary>
    /// Step 2 of the claim: one atomic conditional upsert. No match means a later claim or a higher epoch owns
    /// the schedule; the upsert then collides with the existing <c>_id</c> and fails with a duplicate key.
    /// </summary>
    private async Task<bool> TryAdvanceStateAsync(
        string scheduleId, DateTimeOffset occurrence, long epoch, string node, DateTimeOffset now,
        CancellationToken ct)
    {
        var at = MongoTime.ToBson(occurrence);
        var filter = Filter.And(
            Filter.Eq(State.Id, scheduleId),
            Filter.Lte(State.Epoch, epoch),
            Filter.Or(Filter.Lt(State.LastOccurrence, at), Filter.Eq(State.LastOccurrence, BsonNull.Value)));
        var update = Update
            .Set(State.Epoch, new BsonInt64(epoch))
            .Set(State.LastOccurrence, at)
            .Set(State.Node, node)
            .Set(State.ClaimEpoch, new BsonInt64(epoch))
            .Set(State.UpdatedAt, MongoTime.ToBson(now));
        var options = new FindOneAndUpdateOptions<BsonDocument>
        {
            IsUpsert = true,
            ReturnDocument = ReturnDocument.After,
        };

        try
        {
            return await state.FindOneAndUpdateAsync(filter, update, options, ct) is not null;
        }
        catch (MongoCommandException e) when (MongoErrors.IsDuplicateKey(e))
        {
            return false;
        }
    }

    private async Task<bool> IsUnfencedAsync(string scheduleId, long epoch, CancellationToken ct)
    {
        var filter = Filter.And(Filter.Eq(State.Id, scheduleId), Filter.Lte(State.Epoch, epoch));
        return await state.Find(filter).AnyAsync(ct);
    }

    private async Task InsertIgnoringDuplicatesAsync(IEnumerable<BsonDocument> documents, CancellationToken ct)
    {
        try
        {
            await runs.InsertManyAsync(documents, new InsertManyOptions { IsOrdered = false }, ct);
        }
        catch (MongoBulkWriteException e) when (MongoErrors.IsDuplicateKey(e))
        {
            // Occurrences that already have a record keep it: a fired run is never rewritten as skipped.
        }
    }
}
