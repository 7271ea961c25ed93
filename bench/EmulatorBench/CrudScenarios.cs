using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.EmulatorBench;

/// <summary>insertOne, point find by _id and findOneAndUpdate; the clients share one MongoClient.</summary>
public static class CrudScenarios
{
    /// <summary>Documents preloaded for the read and update scenarios (keys 0..Preloaded-1).</summary>
    public const int Preloaded = 10_000;

    private static readonly string Payload = new('x', 100);

    public static Task<LatencySummary> InsertAsync(IMongoDatabase database, BenchOptions options)
    {
        var collection = database.GetCollection<BsonDocument>("insert_bench");
        return ClosedLoop.RunAsync(options, (client, sequence) => collection.InsertOneAsync(new BsonDocument
        {
            { "client", client },
            { "seq", sequence },
            { "payload", Payload },
            { "at", DateTime.UtcNow },
        }));
    }

    public static async Task PreloadAsync(IMongoDatabase database)
    {
        var collection = database.GetCollection<BsonDocument>("point_bench");
        await database.DropCollectionAsync("point_bench");
        var documents = Enumerable.Range(0, Preloaded)
            .Select(i => new BsonDocument { { "_id", i }, { "counter", 0 }, { "payload", Payload } });
        foreach (var chunk in documents.Chunk(1000)) await collection.InsertManyAsync(chunk);
    }

    public static Task<LatencySummary> FindByIdAsync(IMongoDatabase database, BenchOptions options)
    {
        var collection = database.GetCollection<BsonDocument>("point_bench");
        return ClosedLoop.RunAsync(options, async (client, _) =>
        {
            var id = Random.Shared.Next(Preloaded);
            var found = await collection.Find(new BsonDocument("_id", id)).FirstOrDefaultAsync();
            if (found is null) throw new InvalidOperationException($"document {id} not found");
        });
    }

    public static Task<LatencySummary> FindOneAndUpdateAsync(IMongoDatabase database, BenchOptions options)
    {
        var collection = database.GetCollection<BsonDocument>("point_bench");
        var update = Builders<BsonDocument>.Update.Inc("counter", 1);
        var after = new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After };
        return ClosedLoop.RunAsync(options, async (client, _) =>
        {
            var id = Random.Shared.Next(Preloaded);
            var updated = await collection.FindOneAndUpdateAsync(new BsonDocument("_id", id), update, after);
            if (updated is null) throw new InvalidOperationException($"document {id} not found");
        });
    }
}
