using HaScheduler.Messages;
using MongoDB.Bson;

namespace HaScheduler.Node.Storage;

/// <summary>Explicit mapping of <c>runs</c> documents (key: schedule id, "|", occurrence in unix ms).</summary>
internal static class RunDocumentMapper
{
    public const string Id = "_id";
    public const string ScheduleId = "schedule_id";
    public const string Occurrence = "occurrence";
    public const string Epoch = "epoch";
    public const string Node = "node";
    public const string Status = "status";
    public const string ClaimedAt = "claimed_at";
    public const string FiredAt = "fired_at";
    public const string LatenessMs = "lateness_ms";
    public const string Error = "error";
    public const string ExpireAt = "expire_at";

    public static string RunId(string scheduleId, DateTimeOffset occurrence) =>
        $"{scheduleId}|{occurrence.ToUnixTimeMilliseconds()}";

    public static BsonDocument NewRun(
        string scheduleId, DateTimeOffset occurrence, long epoch, string node, RunStatus status,
        DateTimeOffset claimedAt, DateTimeOffset expireAt) => new()
    {
        { Id, RunId(scheduleId, occurrence) },
        { ScheduleId, scheduleId },
        { Occurrence, MongoTime.ToBson(occurrence) },
        { Epoch, new BsonInt64(epoch) },
        { Node, node },
        { Status, StatusToWire(status) },
        { ClaimedAt, MongoTime.ToBson(claimedAt) },
        { FiredAt, BsonNull.Value },
        { LatenessMs, BsonNull.Value },
        { Error, BsonNull.Value },
        { ExpireAt, MongoTime.ToBson(expireAt) },
    };

    public static RunRecord FromDocument(BsonDocument document) => new(
        document[ScheduleId].AsString,
        MongoTime.FromBson(document[Occurrence]),
        document.TryGetValue(FiredAt, out var fired) && !fired.IsBsonNull ? MongoTime.FromBson(fired) : null,
        document.GetValue(Node, string.Empty).AsString,
        document.GetValue(Epoch, 0L).ToInt64(),
        StatusFromWire(document[Status].AsString),
        document.TryGetValue(Error, out var error) && !error.IsBsonNull ? error.AsString : null);

    public static string StatusToWire(RunStatus status) => status switch
    {
        RunStatus.Claimed => "claimed",
        RunStatus.Fired => "fired",
        RunStatus.Failed => "failed",
        RunStatus.Skipped => "skipped",
        RunStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static RunStatus StatusFromWire(string wire) => wire switch
    {
        "claimed" => RunStatus.Claimed,
        "fired" => RunStatus.Fired,
        "failed" => RunStatus.Failed,
        "skipped" => RunStatus.Skipped,
        "unknown" => RunStatus.Unknown,
        _ => throw new FormatException($"Unknown run status '{wire}'."),
    };
}
