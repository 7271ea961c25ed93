using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>MongoDB's reply envelope: ok, error shape, and the logical clock fields on every reply.</summary>
internal static class Replies
{
    private static readonly BsonDocument Signature = new()
    {
        { "hash", new BsonBinaryData(new byte[20], BsonBinarySubType.Binary) },
        { "keyId", 0L },
    };

    public static BsonDocument Error(MongoCommandError error)
    {
        var reply = new BsonDocument
        {
            { "ok", 0.0 },
            { "errmsg", error.Message },
            { "code", error.Code },
            { "codeName", error.CodeName },
        };
        if (error.Extra is not null)
        {
            foreach (var element in error.Extra) reply[element.Name] = element.Value;
        }

        return reply;
    }

    public static BsonDocument Cursor(long id, string ns, string batchName, BsonArray batch,
        BsonDocument? postBatchResumeToken = null)
    {
        var cursor = new BsonDocument { { batchName, batch }, { "id", id }, { "ns", ns } };
        if (postBatchResumeToken is not null) cursor["postBatchResumeToken"] = postBatchResumeToken;
        return new BsonDocument("cursor", cursor);
    }

    /// <summary>Adds ok (if absent), operationTime and $clusterTime.</summary>
    public static BsonDocument Finish(BsonDocument reply, BsonTimestamp operationTime, BsonTimestamp clusterTime)
    {
        if (!reply.Contains("ok")) reply["ok"] = 1.0;
        reply["operationTime"] = operationTime;
        reply["$clusterTime"] = new BsonDocument
        {
            { "clusterTime", clusterTime },
            { "signature", Signature.DeepClone() },
        };
        return reply;
    }

    public static string CodeName(int code) => code switch
    {
        1 => "InternalError",
        2 => "BadValue",
        6 => "HostUnreachable",
        7 => "HostNotFound",
        11 => "UserNotFound",
        43 => "CursorNotFound",
        50 => "MaxTimeMSExpired",
        89 => "NetworkTimeout",
        91 => "ShutdownInProgress",
        112 => "WriteConflict",
        189 => "PrimarySteppedDown",
        262 => "ExceededTimeLimit",
        9001 => "SocketException",
        10107 => "NotWritablePrimary",
        11000 => "DuplicateKey",
        11600 => "InterruptedAtShutdown",
        11602 => "InterruptedDueToReplStateChange",
        13435 => "NotPrimaryNoSecondaryOk",
        13436 => "NotPrimaryOrSecondary",
        _ => $"Location{code}",
    };
}
