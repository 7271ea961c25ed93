using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.Node.Storage;

/// <summary>Reads lease documents for status endpoints: any node can show the holder and the epoch.</summary>
public sealed class LeaseInfo(IMongoDatabase database)
{
    private readonly IMongoCollection<BsonDocument> leases =
        database.GetCollection<BsonDocument>(MongoCollections.Leases);

    public async Task<LeaseDocument?> ReadAsync(string name, CancellationToken ct = default)
    {
        var document = await leases.Find(new BsonDocument(LeaseFields.Id, name)).FirstOrDefaultAsync(ct);
        return document is null ? null : LeaseDocument.FromBson(document);
    }

    /// <summary>Every lease document (there is one per lease name; a handful at most).</summary>
    public async Task<IReadOnlyList<LeaseDocument>> ReadAllAsync(int limit, CancellationToken ct = default)
    {
        var documents = await leases.Find(FilterDefinition<BsonDocument>.Empty).Limit(limit).ToListAsync(ct);
        return documents.Select(LeaseDocument.FromBson).ToArray();
    }
}
