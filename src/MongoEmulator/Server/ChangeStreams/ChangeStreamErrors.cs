using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>The change-stream errors real servers report, with the labels the driver acts on.</summary>
internal static class ChangeStreamErrors
{
    private static BsonDocument NonResumable => new("errorLabels", new BsonArray { "NonResumableChangeStreamError" });

    public static MongoCommandError HistoryLost() => new(286, "ChangeStreamHistoryLost",
        "Resume of change stream was not possible, as the resume point may no longer be in the oplog.",
        NonResumable);

    public static MongoCommandError TokenNotFound() => new(280, "ChangeStreamFatalError",
        "cannot resume stream; the resume token was not found.", NonResumable);

    public static MongoCommandError IdModified() => new(280, "ChangeStreamFatalError",
        "Encountered an event whose _id field, which contains the resume token, was modified by the pipeline. "
        + "Modifying the _id field of an event makes it impossible to resume the stream from that point.",
        NonResumable);

    public static MongoCommandError ConflictingStart(int code) => new(code, $"Location{code}",
        "Only one type of resume option is allowed, but multiple were found.");

    public static MongoCommandError ResumeFromInvalidate() => new(260, "InvalidResumeToken",
        "Attempting to resume a change stream using 'resumeAfter' is not allowed from an invalidate notification.");
}
