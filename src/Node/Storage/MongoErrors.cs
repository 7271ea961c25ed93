using MongoDB.Driver;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Duplicate keys surface differently by operation: write errors for insert/update, a command error
/// (code 11000) for findAndModify. Both mean "someone else got there first".
/// </summary>
internal static class MongoErrors
{
    private const int DuplicateKeyCode = 11000;

    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoCommandException command => command.Code == DuplicateKeyCode,
        MongoBulkWriteException bulk =>
            bulk.WriteErrors.Count > 0
            && bulk.WriteErrors.All(e => e.Category == ServerErrorCategory.DuplicateKey)
            && bulk.WriteConcernError is null,
        _ => false,
    };
}
