using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.Commands;
using HaScheduler.MongoEmulator.Server.Storage;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// A tailable, awaitData cursor over the change history. Its position is a history sequence number;
/// events are shaped at read time so that updateLookup sees the document as it is at getMore time.
/// </summary>
internal sealed class ChangeStreamCursor(long id, ChangeStreamScope scope, Pipeline? userPipeline, bool lookup,
    long nextSequence) : ServerCursor(id, scope.CursorNamespace)
{
    private long _nextSequence = nextSequence;

    public bool Invalidated { get; private set; }

    /// <summary>Reads available events without waiting; caller holds the store lock.</summary>
    public (BsonArray Batch, BsonDocument PostBatchResumeToken) Scan(DataStore store, ExpressionContext context,
        int batchSize)
    {
        var history = store.History;
        if (history.IsLost(_nextSequence)) throw ChangeStreamErrors.HistoryLost();
        var batch = new BsonArray();
        var max = batchSize <= 0 ? 1000 : batchSize;
        BsonDocument? lastToken = null;
        while (batch.Count < max && !Invalidated && history.At(_nextSequence) is { } change)
        {
            _nextSequence++;
            if (!scope.Includes(change)) continue;
            var looked = lookup && change.OperationType == "update"
                ? store.Catalog.Get(change.Database, change.Collection!)?.FindById(change.DocumentId!)?.Document
                : null;
            var shaped = ChangeEventBuilder.Build(change, looked, lookup);
            lastToken = shaped["_id"].AsBsonDocument;
            if (Filter(shaped, context) is { } passed) batch.Add(passed);
            if (scope.IsInvalidatedBy(change))
            {
                var invalidate = ChangeEventBuilder.Invalidate(change);
                lastToken = invalidate["_id"].AsBsonDocument;
                batch.Add(invalidate);
                Invalidated = true;
            }
        }

        var caughtUp = history.At(_nextSequence) is null;
        var token = caughtUp && !Invalidated
            ? ResumeToken.HighWaterMark(LogicalClock.Next(store.Clock.Current)).ToDocument()
            : lastToken ?? ResumeToken.HighWaterMark(LogicalClock.Next(store.Clock.Current)).ToDocument();
        return (batch, token);
    }

    public async ValueTask<BsonDocument> GetMoreAsync(CommandContext context, int batchSize)
    {
        var state = context.State;
        var wait = context.Command.TryGetValue("maxTimeMS", out var ms) && ms.IsNumeric && ms.ToInt64() > 0
            ? TimeSpan.FromMilliseconds(ms.ToInt64())
            : state.Options.EffectiveAwaitTime;
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            Task signal;
            BsonArray batch;
            BsonDocument token;
            try
            {
                using (state.Store.Gate.EnterRead())
                {
                    // Take the signal under the lock: a commit after this point completes it, so no wake-up is lost.
                    signal = state.Store.History.WaitHandle;
                    (batch, token) = Scan(state.Store, context.Expressions, batchSize);
                }
            }
            catch (MongoCommandError)
            {
                state.Cursors.Remove(Id);
                throw;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (batch.Count > 0 || Invalidated || remaining <= TimeSpan.Zero)
            {
                if (Invalidated) state.Cursors.Remove(Id);
                return Replies.Cursor(Invalidated ? 0 : Id, Namespace, "nextBatch", batch, token);
            }

            try
            {
                await signal.WaitAsync(remaining, context.Cancellation);
            }
            catch (TimeoutException)
            {
                // Fall through: one last scan, then an empty batch with a fresh high-water mark.
            }
        }
    }

    private BsonDocument? Filter(BsonDocument shaped, ExpressionContext context)
    {
        if (userPipeline is null) return shaped;
        var result = userPipeline.Run([shaped], context).FirstOrDefault();
        if (result is null) return null;
        if (!result.TryGetValue("_id", out var id) || !id.Equals(shaped["_id"])) throw ChangeStreamErrors.IdModified();
        return result;
    }
}
