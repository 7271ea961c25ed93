namespace HaScheduler.Node.Storage;

/// <summary>
/// BSON dates hold milliseconds. Every instant is truncated before it is written or compared, so a
/// value read back equals the value written and keys such as a run's <c>_id</c> match its occurrence.
/// </summary>
internal static class MongoTime
{
    public static DateTimeOffset Now() => Truncate(DateTimeOffset.UtcNow);

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    public static DateTime ToBson(DateTimeOffset value) => Truncate(value).UtcDateTime;

    public static DateTimeOffset FromBson(MongoDB.Bson.BsonValue value) =>
        new(value.ToUniversalTime(), TimeSpan.Zero);
}
