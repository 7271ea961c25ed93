using MongoDB.Bson;

namespace HaScheduler.Node.Storage;

/// <summary>A <c>leases</c> document as stored: all times are the database's clock.</summary>
public sealed record LeaseDocument(
    string Name,
    string? Holder,
    long Epoch,
    DateTimeOffset? AcquiredAt,
    DateTimeOffset? RenewedAt,
    DateTimeOffset? ExpiresAt,
    TimeSpan Duration,
    long Transitions)
{
    internal static LeaseDocument FromBson(BsonDocument document) => new(
        document[LeaseFields.Id].AsString,
        document.TryGetValue(LeaseFields.Holder, out var holder) && holder.IsString ? holder.AsString : null,
        document.GetValue(LeaseFields.Epoch, 0L).ToInt64(),
        Date(document, LeaseFields.AcquiredAt),
        Date(document, LeaseFields.RenewedAt),
        Date(document, LeaseFields.ExpiresAt),
        TimeSpan.FromMilliseconds(document.GetValue(LeaseFields.DurationMs, 0L).ToInt64()),
        document.GetValue(LeaseFields.Transitions, 0L).ToInt64());

    private static DateTimeOffset? Date(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && value.IsValidDateTime ? MongoTime.FromBson(value) : null;
}
