using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>One document of the <c>runs</c> ledger, read straight from MongoDB.</summary>
internal sealed record LedgerRun(
    string ScheduleId, DateTimeOffset Occurrence, long Epoch, string Node, string Status, DateTimeOffset ClaimedAt)
{
    public static async Task<IReadOnlyList<LedgerRun>> ReadAllAsync(IMongoDatabase database)
    {
        var documents = await database.GetCollection<BsonDocument>("runs")
            .Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        return documents.Select(From).ToArray();
    }

    private static LedgerRun From(BsonDocument d) => new(
        d["schedule_id"].AsString,
        Instant(d["occurrence"]),
        d["epoch"].ToInt64(),
        d.GetValue("node", "").ToString()!,
        d["status"].AsString,
        d.TryGetValue("claimed_at", out var claimed) && !claimed.IsBsonNull
            ? Instant(claimed)
            : DateTimeOffset.MinValue);

    private static DateTimeOffset Instant(BsonValue value) => new(value.ToUniversalTime(), TimeSpan.Zero);
}
