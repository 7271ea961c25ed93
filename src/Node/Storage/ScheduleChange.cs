using MongoDB.Bson;

namespace HaScheduler.Node.Storage;

/// <summary>One change to the <c>schedules</c> collection, as the change stream reported it.</summary>
/// <param name="Id">The schedule id (<c>documentKey._id</c>).</param>
/// <param name="Document">The document after the change (null for deletes, or if deleted since).</param>
public sealed record ScheduleChange(ScheduleChangeKind Kind, string Id, BsonDocument? Document);

public enum ScheduleChangeKind
{
    Upserted,
    Deleted,
}
