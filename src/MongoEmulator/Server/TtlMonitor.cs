using HaScheduler.MongoEmulator.Server.Storage;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server;

/// <summary>
/// Background housekeeping: removes documents whose TTL index says they expired (through the normal
/// delete path, so change streams see delete events) and reaps idle cursors.
/// </summary>
internal static class TtlMonitor
{
    public static async Task RunAsync(EmulatorState state, CancellationToken token)
    {
        using var timer = new PeriodicTimer(state.Options.EffectiveTtlInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                RemoveExpired(state.Store);
                state.Cursors.ReapIdle(state.Options.EffectiveCursorIdleTimeout);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Records deleted per hold of the write lock, so a large expiry never stalls writers for long.</summary>
    private const int DeleteBatch = 1000;

    public static void RemoveExpired(DataStore store)
    {
        var now = DateTime.UtcNow;
        List<(CollectionStore Collection, IndexTree Index)> ttlIndexes;
        using (store.Gate.EnterRead())
        {
            ttlIndexes = store.Catalog.AllCollections
                .SelectMany(c => c.Indexes
                    .Where(i => i.Spec.ExpireAfter is not null && i.Spec.Fields.Length == 1)
                    .Select(i => (c, i)))
                .ToList();
        }

        foreach (var (collection, index) in ttlIndexes)
        {
            // The index orders dates by value, so the expired ones are one range of it, read without a scan of
            // the collection. A partial TTL index holds only the documents its filter selects, as in MongoDB.
            var cutoff = Cutoff(now, index.Spec.ExpireAfter!.Value);
            int deleted;
            do
            {
                deleted = store.Write(() =>
                {
                    if (!IsLive(store, collection, index)) return 0;
                    var expired = collection.InRange(index, FirstDate, cutoff, DeleteBatch)
                        .Where(r => IsExpired(r.Document, index.Spec, cutoff))
                        .ToList();
                    foreach (var (record, current) in expired) store.Delete(collection, record, current);
                    return expired.Count;
                });
            }
            while (deleted == DeleteBatch);
        }
    }

    private static readonly BsonDateTime FirstDate = new(long.MinValue);

    /// <summary>The collection and index may have been dropped between the read and the write.</summary>
    private static bool IsLive(DataStore store, CollectionStore collection, IndexTree index) =>
        ReferenceEquals(store.Catalog.Get(collection.Database, collection.Name), collection)
        && collection.Indexes.Contains(index);

    /// <summary>Documents dated at or before this instant have expired (saturating for huge expireAfter).</summary>
    private static BsonDateTime Cutoff(DateTime now, TimeSpan expireAfter)
    {
        var nowMs = new DateTimeOffset(now).ToUnixTimeMilliseconds();
        var afterMs = expireAfter.TotalMilliseconds;
        return new BsonDateTime(afterMs >= nowMs - (double)long.MinValue ? long.MinValue : nowMs - (long)afterMs);
    }

    private static bool IsExpired(BsonDocument document, IndexSpec spec, BsonDateTime cutoff)
    {
        // Like MongoDB: the earliest date in the field (arrays included) decides; non-dates never expire.
        var dates = KeyExtractor.Values(document, spec.Fields[0]).OfType<BsonDateTime>().ToList();
        return dates.Count > 0 && dates.Min(d => d.MillisecondsSinceEpoch) <= cutoff.MillisecondsSinceEpoch;
    }
}
