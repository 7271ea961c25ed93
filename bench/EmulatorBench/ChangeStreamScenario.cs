using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.EmulatorBench;

/// <summary>
/// Change-event delivery: one watcher parked in an awaitData getMore, one writer inserting documents one
/// at a time at a fixed moderate rate. Each event's receive time is compared with the time just after its
/// insert was acknowledged and with the time just before the insert was sent.
/// </summary>
public static class ChangeStreamScenario
{
    public sealed record Result(
        LatencySummary AfterAck, LatencySummary BeforeSend, int Written, int Received);

    public static async Task<Result> RunAsync(IMongoDatabase database, BenchOptions options)
    {
        var collection = database.GetCollection<BsonDocument>("change_bench");
        await database.DropCollectionAsync("change_bench");
        await database.CreateCollectionAsync("change_bench");
        var count = (int)Math.Min(options.Events, options.EventRate * options.Duration.TotalSeconds);
        var before = new long[count];
        var after = new long[count];
        var received = new long[count];
        var watchOptions = new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(500) };
        var deadline = options.Duration + options.WarmUp + TimeSpan.FromSeconds(30);
        using var stop = new CancellationTokenSource(deadline);
        using var cursor = await collection.WatchAsync(watchOptions, stop.Token);
        var watcher = Task.Run(() => WatchAsync(cursor, received, count, stop.Token));

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / options.EventRate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, stop.Token);
            before[i] = Stopwatch.GetTimestamp();
            await collection.InsertOneAsync(new BsonDocument { { "_id", i }, { "at", DateTime.UtcNow } },
                cancellationToken: stop.Token);
            after[i] = Stopwatch.GetTimestamp();
        }

        var got = await watcher;
        var elapsed = Stopwatch.GetElapsedTime(start);
        var afterAck = new LatencyRecorder();
        var beforeSend = new LatencyRecorder();
        for (var i = 0; i < count; i++)
        {
            if (received[i] == 0) continue;
            afterAck.Record(received[i] - after[i]);
            beforeSend.Record(received[i] - before[i]);
        }

        return new Result(LatencyRecorder.Summarize([afterAck], elapsed),
            LatencyRecorder.Summarize([beforeSend], elapsed), count, got);
    }

    private static async Task<int> WatchAsync(IChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor,
        long[] received, int count, CancellationToken token)
    {
        var got = 0;
        try
        {
            while (got < count && await cursor.MoveNextAsync(token))
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var change in cursor.Current)
                {
                    var id = change.DocumentKey["_id"].AsInt32;
                    if (received[id] == 0) got++;
                    received[id] = now;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The overall deadline passed; report what arrived.
        }

        return got;
    }
}
