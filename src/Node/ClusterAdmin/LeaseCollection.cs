using MongoDB.Bson;

namespace HaScheduler.Node.ClusterAdmin;

/// <summary>Reads lease documents for display (the lease itself lives in Storage/MongoLease).</summary>
internal static class LeaseCollection
{
    public const string Name = "leases";

    public static LeaseView ToView(BsonDocument doc) => new(
        doc["_id"].ToString()!,
        doc.GetValue("holder", BsonNull.Value) is { IsString: true } holder ? holder.AsString : null,
        doc.GetValue("epoch", 0L).ToInt64(),
        Date(doc, "acquired_at"),
        Date(doc, "renewed_at"),
        Date(doc, "expires_at"));

    private static DateTimeOffset? Date(BsonDocument doc, string field) =>
        doc.GetValue(field, BsonNull.Value) is { IsValidDateTime: true } value
            ? new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero)
            : null;
}
