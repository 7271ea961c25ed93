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

    public static void RemoveExpired(DataStore store)
    {
        var now = DateTime.UtcNow;
        store.Write(() =>
        {
            foreach (var collection in store.Catalog.AllCollections.ToList())
            {
                foreach (var index in collection.Indexes.Where(i => i.Spec.ExpireAfter is not null && i.Spec.Fields.Length == 1).ToList())
                {
                    var expired = collection.All.Where(r => IsExpired(r.Document, index.Spec, now)).ToList();
                    foreach (var record in expired) store.Delete(collection, record);
                }
            }

            return 0;
        });
    }

    private static bool IsExpired(BsonDocument document, IndexSpec spec, DateTime now)
    {
        // Like MongoDB: the earliest date in the field (arrays included) decides; non-dates never expire.
        var dates = KeyExtractor.Values(document, spec.Fields[0]).OfType<BsonDateTime>().ToList();
        if (dates.Count == 0) return false;
        var earliest = dates.Min(d => d.MillisecondsSinceEpoch);
        return DateTimeOffset.FromUnixTimeMilliseconds(earliest).UtcDateTime + spec.ExpireAfter!.Value <= now;
    }
}
