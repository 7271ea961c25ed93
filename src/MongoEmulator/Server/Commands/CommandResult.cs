using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>What the connection does after a command: send the reply, and/or close the socket.</summary>
internal readonly record struct CommandResult(BsonDocument? Reply, bool CloseConnection)
{
    public static CommandResult Close => new(null, true);
}
