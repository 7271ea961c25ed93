using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Wire;

/// <summary>
/// Emulator-only: ~6 s of random and mutated frames; the server must keep serving and keep data.
/// </summary>
public sealed class FuzzTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    [EmulatorOnlyFact]
    public async Task Server_should_survive_random_and_mutated_messages()
    {
        var collection = target.NewCollection();
        await collection.InsertManyAsync(Enumerable.Range(0, 10).Select(i => new BsonDocument("_id", i)));
        var ns = collection.CollectionNamespace;
        var seeds = new[]
        {
            RawWire.OpMsg(new BsonDocument { { "ping", 1 }, { "$db", "admin" } }),
            RawWire.OpMsg(new BsonDocument
            {
                { "find", ns.CollectionName },
                { "filter", new BsonDocument("_id", 1) },
                { "$db", ns.DatabaseNamespace.DatabaseName },
            }),
            RawWire.OpMsg(new BsonDocument
            {
                { "insert", "fuzz" },
                { "documents", new BsonArray { new BsonDocument("a", 1) } },
                { "$db", "fuzzdb" },
            }),
        };
        var random = new Random(1234);
        var stop = DateTime.UtcNow + TimeSpan.FromSeconds(6);

        var sent = 0;
        while (DateTime.UtcNow < stop)
        {
            var frame = random.Next(4) == 0
                ? RandomFrame(random)
                : Mutate(seeds[random.Next(seeds.Length)], random);
            using var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
            try
            {
                await RawWire.SendAsync(target.Server!.Port, frame, attempt.Token);
            }
            catch (OperationCanceledException)
            {
                // A frame claiming more bytes than sent leaves the server waiting: that is correct.
            }

            sent++;
        }

        await target.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
        Assert.Equal(10, await collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
        Assert.True(sent > 20, $"only {sent} frames sent");
    }

    private static byte[] RandomFrame(Random random)
    {
        var frame = new byte[random.Next(16, 200)];
        random.NextBytes(frame);
        BitConverter.TryWriteBytes(frame.AsSpan(0, 4), frame.Length);
        if (random.Next(2) == 0)
        {
            BitConverter.TryWriteBytes(frame.AsSpan(12, 4), random.Next(2) == 0 ? 2013 : 2004);
        }

        return frame;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var frame = (byte[])seed.Clone();
        var flips = random.Next(1, 6);
        for (var i = 0; i < flips; i++)
        {
            var at = random.Next(random.Next(3) == 0 ? 0 : 16, frame.Length);
            frame[at] = (byte)random.Next(256);
        }

        if (random.Next(5) == 0) Array.Resize(ref frame, random.Next(16, frame.Length));
        return frame;
    }
}
