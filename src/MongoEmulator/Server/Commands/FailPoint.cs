using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>
/// One activation of the <c>failCommand</c> fail point. Besides MongoDB's fields it understands
/// <c>closeConnectionAfterApply</c> (emulator-only): run the command, then drop the socket without
/// replying, which is how a retried write after a lost reply is exercised.
/// </summary>
internal sealed record FailPoint(
    HashSet<string> Commands,
    int? ErrorCode,
    BsonArray? ErrorLabels,
    bool CloseConnection,
    bool CloseConnectionAfterApply,
    TimeSpan? Block,
    BsonDocument? WriteConcernError)
{
    public static FailPoint Parse(BsonDocument data)
    {
        var commands = data.TryGetValue("failCommands", out var list) && list is BsonArray array
            ? array.Select(v => v.AsString).ToHashSet(StringComparer.Ordinal)
            : [];
        TimeSpan? block = data.GetValue("blockConnection", false).ToBoolean()
            ? TimeSpan.FromMilliseconds(data.GetValue("blockTimeMS", 0).ToDouble())
            : null;
        return new FailPoint(
            commands,
            data.TryGetValue("errorCode", out var code) && code.IsNumeric ? code.ToInt32() : null,
            data.TryGetValue("errorLabels", out var labels) && labels is BsonArray l ? l : null,
            data.GetValue("closeConnection", false).ToBoolean(),
            data.GetValue("closeConnectionAfterApply", false).ToBoolean(),
            block,
            data.TryGetValue("writeConcernError", out var wce) && wce is BsonDocument w ? w : null);
    }
}
