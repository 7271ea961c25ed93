using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.Wire;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>Handshake, health and server-level commands.</summary>
internal static class AdminCommands
{
    public static void Register(Dictionary<string, CommandHandler> handlers)
    {
        handlers["hello"] = c => Sync(Hello(c, legacy: false));
        handlers["isMaster"] = c => Sync(Hello(c, legacy: true));
        handlers["ismaster"] = c => Sync(Hello(c, legacy: true));
        handlers["ping"] = _ => Sync([]);
        handlers["buildInfo"] = _ => Sync(BuildInfo());
        handlers["buildinfo"] = _ => Sync(BuildInfo());
        handlers["endSessions"] = _ => Sync([]);
        handlers["refreshSessions"] = _ => Sync([]);
        handlers["getLastError"] = c =>
            Sync(new BsonDocument { { "connectionId", c.ConnectionId }, { "err", BsonNull.Value } });
        handlers["configureFailPoint"] = c =>
        {
            c.State.FailPoints.Configure(c.Command);
            return Sync([]);
        };
        handlers["listDatabases"] = c => Sync(ListDatabases(c));
        handlers["commitTransaction"] = _ => throw NoTransactions();
        handlers["abortTransaction"] = _ => throw NoTransactions();
        handlers["connectionStatus"] = _ => Sync(new BsonDocument("authInfo", new BsonDocument
        {
            { "authenticatedUsers", new BsonArray() }, { "authenticatedUserRoles", new BsonArray() },
        }));
    }

    public static MongoCommandError NoTransactions() =>
        MongoCommandError.NotImplemented("multi-document transactions are not supported by the MongoDB emulator");

    private static ValueTask<BsonDocument> Sync(BsonDocument reply) => ValueTask.FromResult(reply);

    private static BsonDocument Hello(CommandContext context, bool legacy)
    {
        var address = context.State.AdvertisedAddress;
        return new BsonDocument
        {
            { "helloOk", true },
            { legacy ? "ismaster" : "isWritablePrimary", true },
            { "maxBsonObjectSize", WireConstants.MaxBsonObjectSize },
            { "maxMessageSizeBytes", WireConstants.MaxMessageSize },
            { "maxWriteBatchSize", WireConstants.MaxWriteBatchSize },
            { "localTime", DateTime.UtcNow },
            { "logicalSessionTimeoutMinutes", 30 },
            { "connectionId", context.ConnectionId },
            { "minWireVersion", 0 },
            { "maxWireVersion", 21 },
            { "readOnly", false },
            { "setName", context.State.Options.ReplicaSetName },
            { "hosts", new BsonArray { address } },
            { "primary", address },
            { "me", address },
            { "secondary", false },
        };
    }

    private static BsonDocument BuildInfo() => new()
    {
        { "version", "7.0.14" },
        { "gitVersion", "hascheduler-mongo-emulator" },
        { "versionArray", new BsonArray { 7, 0, 14, 0 } },
        { "bits", 64 },
        { "debug", false },
        { "maxBsonObjectSize", WireConstants.MaxBsonObjectSize },
        { "storageEngines", new BsonArray { "emulator" } },
        { "modules", new BsonArray() },
    };

    private static BsonDocument ListDatabases(CommandContext context)
    {
        var databases = new BsonArray();
        using (context.State.Store.Gate.EnterRead())
        {
            foreach (var name in context.State.Store.Catalog.DatabaseNames)
            {
                databases.Add(new BsonDocument { { "name", name }, { "sizeOnDisk", 0L }, { "empty", false } });
            }
        }

        return new BsonDocument { { "databases", databases }, { "totalSize", 0L }, { "totalSizeMb", 0L } };
    }
}
