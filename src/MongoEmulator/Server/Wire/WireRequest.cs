using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Wire;

/// <summary>A decoded client message: the command document and how to answer it.</summary>
internal sealed record WireRequest(
    int RequestId,
    int OpCode,
    BsonDocument Command,
    string Database,
    bool MoreToCome,
    bool HasOversizedDocument)
{
    public bool IsLegacyQuery => OpCode == WireConstants.OpQuery;

    public string CommandName => Command.ElementCount == 0 ? "" : Command.GetElement(0).Name;
}
