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
/// Claims, run inserts and outcomes of all schedules are coalesced per step into one unordered bulk command
/// (<see cref="WriteBatcher{TItem,TResult}"/>): each document is still written by its own atomic conditional
/// statement and answered on its own, but 10,000 schedules firing each second cost a few commands per round trip
/// instead of 30,000 commands contending for the driver's connection pool.
/// </summary>
public sealed class MongoRunLedger : IRunLedger
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<BsonDocument> Update = Builders<BsonDocument>.Update;

    private readonly IMongoCollection<BsonDocument> state;
    private readonly IMongoCollection<BsonDocument> runs;
    private readonly TimeSpan retention;
    private readonly ILogger logger;
    private readonly WriteBatcher<StateAdvance, bool> advances;
    private readonly WriteBatcher<BsonDocument, bool> inserts;
    private readonly WriteBatcher<Outcome, bool> outcomes;

    public MongoRunLedger(
        IMongoDatabase database, IOptions<SchedulingOptions> options, ILogger<MongoRunLedger> logger)
    {
        state = database.GetCollection<BsonDocument>(MongoCollections.ScheduleState)
            .WithWriteConcern(WriteConcern.WMajority);
        runs = database.GetCollection<BsonDocument>(MongoCollections.Runs)
            .WithWriteConcern(WriteConcern.WMajority);
        retention = options.Value.RunRetention;
        this.logger = logger;
        advances = new WriteBatcher<StateAdvance, bool>(FlushAdvancesAsync, MaxBatch, FlushesInFlight);
        inserts = new WriteBatcher<BsonDocument, bool>(FlushInsertsAsync, MaxBatch, FlushesInFlight);
        outcomes = new WriteBatcher<Outcome, bool>(FlushOutcomesAsync, MaxBatch, FlushesInFlight);
    }

    /// <summary>Statements per bulk command: far below the server's limits, large enough for 10k fires/s.</summary>
    private const int MaxBatch = 1000;

    /// <summary>
    /// Bulk commands in flight per step. A schedule awaits each step before its next, so its own writes stay in
    /// order; two in flight overlap encoding one batch with the server's work on the other.
    /// </summary>
    private const int FlushesInFlight = 2;

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
        if (await inserts.Enqueue(run, ct))
        {
            return true;
        }

        StorageLog.RunAlreadyRecorded(logger, Run.RunId(scheduleId, at), epoch);
        return false;
    }

    public async Task RecordOutcomeAsync(
        string scheduleId, DateTimeOffset occurrence, RunStatus status, DateTimeOffset firedAt,
        TimeSpan lateness, string? error, CancellationToken ct)
    {
        var runId = Run.RunId(scheduleId, MongoTime.Truncate(occurrence));
        if (!await outcomes.Enqueue(new Outcome(runId, status, firedAt, lateness, error), ct))
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
    private Task<bool> TryAdvanceStateAsync(
        string scheduleId, DateTimeOffset occurrence, long epoch, string node, DateTimeOffset now,
        CancellationToken ct) =>
        advances.Enqueue(new StateAdvance(scheduleId, occurrence, epoch, node, now), ct);

    /// <summary>
    /// The claims' conditional upserts, one statement per schedule in one unordered update command. A statement
    /// that matched or inserted has advanced the position; a duplicate key on its upsert is "owned by someone
    /// else", exactly as with findOneAndUpdate. Other per-statement errors fail only that claim.
    /// </summary>
    private async Task<BatchItemResult<bool>[]> FlushAdvancesAsync(
        IReadOnlyList<StateAdvance> batch)
    {
        // Filters and updates are built as documents: the typed builders re-render through serializers on every
        // statement, which cost the node a fifth of its CPU at 10,000 claims a second.
        var models = new List<WriteModel<BsonDocument>>(batch.Count);
        foreach (var a in batch)
        {
            var at = new BsonDateTime(MongoTime.ToBson(a.Occurrence));
            var epoch = new BsonInt64(a.Epoch);
            var filter = new BsonDocument
            {
                { State.Id, a.ScheduleId },
                { State.Epoch, new BsonDocument("$lte", epoch) },
                {
                    "$or", new BsonArray
                    {
                        new BsonDocument(State.LastOccurrence, new BsonDocument("$lt", at)),
                        new BsonDocument(State.LastOccurrence, BsonNull.Value),
                    }
                },
            };
            var update = new BsonDocument("$set", new BsonDocument
            {
                { State.Epoch, epoch },
                { State.LastOccurrence, at },
                { State.Node, a.Node },
                { State.ClaimEpoch, epoch },
                { State.UpdatedAt, new BsonDateTime(MongoTime.ToBson(a.Now)) },
            });
            models.Add(new UpdateOneModel<BsonDocument>(filter, update) { IsUpsert = true });
        }

        var results = Results(batch.Count, true);
        try
        {
            await state.BulkWriteAsync(models, Unordered);
        }
        catch (MongoBulkWriteException<BsonDocument> e) when (e.WriteConcernError is null)
        {
            ApplyWriteErrors(results, e);
        }

        return results;
    }

    private async Task<BatchItemResult<bool>[]> FlushInsertsAsync(
        IReadOnlyList<BsonDocument> batch)
    {
        var results = Results(batch.Count, true);
        try
        {
            await runs.InsertManyAsync(batch, new InsertManyOptions { IsOrdered = false });
        }
        catch (MongoBulkWriteException<BsonDocument> e) when (e.WriteConcernError is null)
        {
            ApplyWriteErrors(results, e);
        }

        return results;
    }

    /// <summary>
    /// Outcomes in one unordered update command. The command reports only a total of matched documents; when
    /// it falls short (rare: an outcome for a run nobody claimed), the runs are read back to tell which.
    /// </summary>
    private async Task<BatchItemResult<bool>[]> FlushOutcomesAsync(IReadOnlyList<Outcome> batch)
    {
        // An outcome may replace "unknown": a paused leader that was written off can still report the truth.
        var reportable = new BsonArray { Run.StatusToWire(RunStatus.Claimed), Run.StatusToWire(RunStatus.Unknown) };
        var models = new List<WriteModel<BsonDocument>>(batch.Count);
        foreach (var o in batch)
        {
            var filter = new BsonDocument
            {
                { Run.Id, o.RunId },
                { Run.Status, new BsonDocument("$in", reportable) },
            };
            var update = new BsonDocument("$set", new BsonDocument
            {
                { Run.Status, Run.StatusToWire(o.Status) },
                { Run.FiredAt, new BsonDateTime(MongoTime.ToBson(o.FiredAt)) },
                { Run.LatenessMs, new BsonInt64((long)o.Lateness.TotalMilliseconds) },
                { Run.Error, o.Error is null ? BsonNull.Value : new BsonString(o.Error) },
            });
            models.Add(new UpdateOneModel<BsonDocument>(filter, update));
        }

        var result = await runs.BulkWriteAsync(models, Unordered);
        var results = Results(batch.Count, true);
        if (result.MatchedCount == batch.Count)
        {
            return results;
        }

        var written = new Dictionary<string, BsonDocument>();
        await runs.Find(Filter.In(Run.Id, batch.Select(o => o.RunId)))
            .ForEachAsync(d => written[d[Run.Id].AsString] = d);
        for (var i = 0; i < batch.Count; i++)
        {
            var o = batch[i];
            var matched = written.TryGetValue(o.RunId, out var d)
                          && d.GetValue(Run.Status, BsonNull.Value) == Run.StatusToWire(o.Status)
                          && d.GetValue(Run.FiredAt, BsonNull.Value) == new BsonDateTime(MongoTime.ToBson(o.FiredAt));
            results[i] = new(matched, null);
        }

        return results;
    }

    private static readonly BulkWriteOptions Unordered = new() { IsOrdered = false };

    private static BatchItemResult<bool>[] Results(int count, bool value)
    {
        var results = new BatchItemResult<bool>[count];
        Array.Fill(results, new BatchItemResult<bool>(value, null));
        return results;
    }

    /// <summary>Duplicate key: false (someone else owns it). Any other write error fails that item only.</summary>
    private static void ApplyWriteErrors(
        BatchItemResult<bool>[] results, MongoBulkWriteException<BsonDocument> e)
    {
        foreach (var error in e.WriteErrors)
        {
            results[error.Index] = error.Category == ServerErrorCategory.DuplicateKey
                ? new(false, null)
                : new(false, new MongoException($"write error {error.Code}: {error.Message}", e));
        }
    }

    private async Task<bool> IsUnfencedAsync(string scheduleId, long epoch, CancellationToken ct)
    {
        var filter = Filter.And(Filter.Eq(State.Id, scheduleId), Filter.Lte(State.Epoch, epoch));
        return await state.Find(filter).AnyAsync(ct);
    }

    private sealed record StateAdvance(
        string ScheduleId, DateTimeOffset Occurrence, long Epoch, string Node, DateTimeOffset Now);

    private sealed record Outcome(
        string RunId, RunStatus Status, DateTimeOffset FiredAt, TimeSpan Lateness, string? Error);

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
