using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// A failure that is reported to the client with MongoDB's error shape
/// (<c>{ok: 0, code, codeName, errmsg}</c> for command errors, or a <c>writeErrors</c> entry).
/// </summary>
public sealed class MongoCommandError(int code, string codeName, string message, BsonDocument? extra = null)
    : Exception(message)
{
    public int Code { get; } = code;

    public string CodeName { get; } = codeName;

    /// <summary>Extra reply fields such as <c>keyPattern</c>/<c>keyValue</c> or <c>errorLabels</c>.</summary>
    public BsonDocument? Extra { get; } = extra;

    public static MongoCommandError BadValue(string message) => new(2, "BadValue", message);

    public static MongoCommandError FailedToParse(string message) => new(9, "FailedToParse", message);

    public static MongoCommandError TypeMismatch(string message) => new(14, "TypeMismatch", message);

    public static MongoCommandError NotImplemented(string message) => new(238, "NotImplemented", message);
}
