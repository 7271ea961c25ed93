using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.EmulatorBench;

/// <summary>
/// Equality and range lookups on an indexed field versus the same values in an unindexed field, at two
/// collection sizes. With an index the time per lookup stays flat as N grows; a full scan grows with N.
/// </summary>
public static class IndexedLookupScenario
{
    private const int RangeWidth = 10;

    public static async Task<List<(string Name, LatencySummary Summary)>> RunAsync(IMongoDatabase database,
        BenchOptions options)
    {
        var collection = database.GetCollection<BsonDocument>("index_bench");
        await database.DropCollectionAsync("index_bench");
        await collection.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("k")));
        var results = new List<(string, LatencySummary)>();
        var loaded = 0;
        foreach (var size in new[] { options.Docs / 10, options.Docs })
        {
            await LoadAsync(collection, loaded, size);
            loaded = size;
            results.Add(($"k == v (indexed), N={size}", await MeasureAsync(5000, TimeSpan.FromSeconds(2),
                () => collection.Find(Equal("k", size)).ToListAsync(), 1)));
            results.Add(($"u == v (no index), N={size}", await MeasureAsync(200, TimeSpan.FromSeconds(3),
                () => collection.Find(Equal("u", size)).ToListAsync(), 1)));
            results.Add(($"k in [v, v+{RangeWidth}) (indexed), N={size}", await MeasureAsync(5000,
                TimeSpan.FromSeconds(2), () => collection.Find(Range("k", size)).ToListAsync(), RangeWidth)));
            results.Add(($"u in [v, v+{RangeWidth}) (no index), N={size}", await MeasureAsync(200,
                TimeSpan.FromSeconds(3), () => collection.Find(Range("u", size)).ToListAsync(), RangeWidth)));
        }

        return results;
    }

    private static FilterDefinition<BsonDocument> Equal(string field, int size) =>
        Builders<BsonDocument>.Filter.Eq(field, Random.Shared.Next(size));

    private static FilterDefinition<BsonDocument> Range(string field, int size)
    {
        var from = Random.Shared.Next(size - RangeWidth);
        var filter = Builders<BsonDocument>.Filter;
        return filter.Gte(field, from) & filter.Lt(field, from + RangeWidth);
    }

    private static async Task LoadAsync(IMongoCollection<BsonDocument> collection, int from, int to)
    {
        for (var start = from; start < to; start += 5000)
        {
            var batch = Enumerable.Range(start, Math.Min(5000, to - start))
                .Select(i => new BsonDocument { { "_id", i }, { "k", i }, { "u", i }, { "pad", "p" + i } });
            await collection.InsertManyAsync(batch);
        }
    }

    /// <summary>One client, sequential lookups, bounded by count and time; checks the result size.</summary>
    private static async Task<LatencySummary> MeasureAsync(int maxOps, TimeSpan maxTime,
        Func<Task<List<BsonDocument>>> lookup, int expected)
    {
        for (var i = 0; i < 3; i++) await lookup();
        var recorder = new LatencyRecorder();
        var start = Stopwatch.GetTimestamp();
        while (recorder.Count < maxOps && Stopwatch.GetElapsedTime(start) < maxTime)
        {
            var before = Stopwatch.GetTimestamp();
            var found = await lookup();
            recorder.Record(Stopwatch.GetTimestamp() - before);
            if (found.Count != expected)
            {
                throw new InvalidOperationException($"expected {expected} documents, got {found.Count}");
            }
        }

        return LatencyRecorder.Summarize([recorder], Stopwatch.GetElapsedTime(start));
    }
}
