using HaScheduler.Messages;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using Run = HaScheduler.Node.Storage.RunDocumentMapper;
using State = HaScheduler.Node.Storage.ScheduleStateFields;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Takeover (claim protocol step 5). Order matters: fence first, so that no stale leader can claim while the
/// positions are read; record unknown outcomes last, from the positions that the fence froze.
/// </summary>
internal sealed class RunLedgerFence(
    IMongoCollection<BsonDocument> state,
    IMongoCollection<BsonDocument> runs,
    TimeSpan retention,
    ILogger logger)
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> RunAsync(
        long epoch, IReadOnlyCollection<string> scheduleIds, string node, CancellationToken ct)
    {
        var now = MongoTime.Now();
        var raised = await RaiseAsync(epoch, now, ct);
        var created = await CreateMissingAsync(epoch, scheduleIds, node, now, ct);
        if (created.HadRace)
        {
            // A stale leader upserted a state between our read and our insert: raise it too.
            raised += await RaiseAsync(epoch, now, ct);
        }

        var states = await state.Find(Filter.Empty).ToListAsync(ct);
        var positions = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var document in states)
        {
            if (document.TryGetValue(State.LastOccurrence, out var last) && !last.IsBsonNull)
            {
                positions[document[State.Id].AsString] = MongoTime.FromBson(last);
            }
        }

        await RecordUnknownAsync(epoch, states, now, ct);
        StorageLog.Fenced(logger, epoch, raised, created.Count, positions.Count);
        return positions;
    }

    private async Task<long> RaiseAsync(long epoch, DateTimeOffset now, CancellationToken ct)
    {
        var result = await state.UpdateManyAsync(
            Filter.Lt(State.Epoch, epoch),
            Builders<BsonDocument>.Update
                .Set(State.Epoch, new BsonInt64(epoch))
                .Set(State.UpdatedAt, MongoTime.ToBson(now)),
            cancellationToken: ct);
        return result.ModifiedCount;
    }

    private async Task<(int Count, bool HadRace)> CreateMissingAsync(
        long epoch, IReadOnlyCollection<string> scheduleIds, string node, DateTimeOffset now,
        CancellationToken ct)
    {
        if (scheduleIds.Count == 0)
        {
            return (0, false);
        }

        var existing = await state.Find(Filter.In(State.Id, scheduleIds))
            .Project(Builders<BsonDocument>.Projection.Include(State.Id))
            .ToListAsync(ct);
        var known = existing.Select(d => d[State.Id].AsString).ToHashSet(StringComparer.Ordinal);
        var missing = scheduleIds.Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return (0, false);
        }

        // No last_occurrence: never claimed yet; the claim filter accepts a null position.
        var documents = missing.Select(id => new BsonDocument
        {
            { State.Id, id },
            { State.Epoch, new BsonInt64(epoch) },
            { State.Node, node },
            { State.UpdatedAt, MongoTime.ToBson(now) },
        });
        try
        {
            await state.InsertManyAsync(documents, new InsertManyOptions { IsOrdered = false }, ct);
            return (missing.Count, false);
        }
        catch (MongoBulkWriteException e) when (MongoErrors.IsDuplicateKey(e))
        {
            return (missing.Count - e.WriteErrors.Count, true);
        }
    }

    /// <summary>
    /// A position without a run document means its claimer died between claim steps 2 and 3; a run still
    /// "claimed" means its claimer died (or stalled) before reporting. Either may or may not have run.
    /// </summary>
    private async Task RecordUnknownAsync(
        long epoch, IReadOnlyList<BsonDocument> states, DateTimeOffset now, CancellationToken ct)
    {
        var claimed = states
            .Where(d => d.TryGetValue(State.LastOccurrence, out var last) && !last.IsBsonNull)
            .ToDictionary(d => Run.RunId(d[State.Id].AsString, MongoTime.FromBson(d[State.LastOccurrence])));
        if (claimed.Count == 0)
        {
            return;
        }

        var found = await runs.Find(Filter.In(Run.Id, claimed.Keys))
            .Project(Builders<BsonDocument>.Projection.Include(Run.Id))
            .ToListAsync(ct);
        var recorded = found.Select(d => d[Run.Id].AsString).ToHashSet(StringComparer.Ordinal);
        var lost = claimed.Where(p => !recorded.Contains(p.Key)).Select(p => UnknownRun(p.Value, now)).ToList();
        var inserted = lost.Count;
        if (lost.Count > 0)
        {
            try
            {
                await runs.InsertManyAsync(lost, new InsertManyOptions { IsOrdered = false }, ct);
            }
            catch (MongoBulkWriteException e) when (MongoErrors.IsDuplicateKey(e))
            {
                inserted -= e.WriteErrors.Count;
            }
        }

        // Every run still "claimed" now belongs to an earlier incarnation: this one has not claimed anything yet.
        // That includes a leader at this same epoch whose singleton stopped (lease lost, then re-acquired by the
        // same node) between a claim and its report, so the epoch alone cannot tell them apart.
        var stalled = await runs.UpdateManyAsync(
            Filter.Eq(Run.Status, Run.StatusToWire(RunStatus.Claimed))
            & Filter.Lte(Run.ClaimedAt, MongoTime.ToBson(now)),
            Builders<BsonDocument>.Update.Set(Run.Status, Run.StatusToWire(RunStatus.Unknown)),
            cancellationToken: ct);

        var total = inserted + (int)stalled.ModifiedCount;
        if (total > 0)
        {
            StorageLog.UnknownRunsRecorded(logger, total, epoch);
        }
    }

    private BsonDocument UnknownRun(BsonDocument stateDocument, DateTimeOffset now)
    {
        var claimEpoch = stateDocument.GetValue(State.ClaimEpoch, stateDocument[State.Epoch]).ToInt64();
        var claimedAt = stateDocument.TryGetValue(State.UpdatedAt, out var at) ? MongoTime.FromBson(at) : now;
        return Run.NewRun(
            stateDocument[State.Id].AsString,
            MongoTime.FromBson(stateDocument[State.LastOccurrence]),
            claimEpoch,
            stateDocument.GetValue(State.Node, string.Empty).AsString,
            RunStatus.Unknown,
            claimedAt,
            now + retention);
    }
}
