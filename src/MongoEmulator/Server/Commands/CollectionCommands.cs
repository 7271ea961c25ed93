using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>create / drop / dropDatabase / listCollections.</summary>
internal static class CollectionCommands
{
    public static void Register(Dictionary<string, CommandHandler> handlers)
    {
        handlers["create"] = c => ValueTask.FromResult(Create(c));
        handlers["drop"] = c => ValueTask.FromResult(Drop(c));
        handlers["dropDatabase"] = c => ValueTask.FromResult(DropDatabase(c));
        handlers["listCollections"] = c => ValueTask.FromResult(ListCollections(c));
    }

    private static BsonDocument Create(CommandContext context) => context.State.Store.Write(() =>
    {
        var store = context.State.Store;
        if (store.Catalog.Get(context.Database, context.CollectionName) is not null)
        {
            throw new MongoCommandError(48, "NamespaceExists", $"Collection {context.FullName} already exists.");
        }

        store.GetOrCreate(context.Database, context.CollectionName);
        context.OperationTime = store.Clock.Tick();
        return new BsonDocument();
    });

    private static BsonDocument Drop(CommandContext context) => context.State.Store.Write(() =>
    {
        // MongoDB 7.0 treats dropping a missing collection as success (SERVER-43894).
        var store = context.State.Store;
        var existing = store.Catalog.Get(context.Database, context.CollectionName);
        var indexes = existing?.Indexes.Count ?? 0;
        context.OperationTime = store.DropCollection(context.Database, context.CollectionName);
        return existing is null ? new BsonDocument() : new BsonDocument { { "nIndexesWas", indexes }, { "ns", context.FullName } };
    });

    private static BsonDocument DropDatabase(CommandContext context) => context.State.Store.Write(() =>
    {
        var store = context.State.Store;
        if (store.Catalog.Collections(context.Database).Count > 0)
        {
            context.OperationTime = store.DropDatabase(context.Database);
        }

        return new BsonDocument("dropped", context.Database);
    });

    private static BsonDocument ListCollections(CommandContext context)
    {
        var filter = Queries.Filter(context.Command.GetValue("filter", BsonNull.Value));
        var nameOnly = context.Bool("nameOnly");
        var entries = new List<BsonDocument>();
        using (context.State.Store.Gate.EnterRead())
        {
            foreach (var collection in context.State.Store.Catalog.Collections(context.Database))
            {
                var entry = nameOnly
                    ? new BsonDocument { { "name", collection.Name }, { "type", "collection" } }
                    : new BsonDocument
                    {
                        { "name", collection.Name },
                        { "type", "collection" },
                        { "options", new BsonDocument() },
                        { "info", new BsonDocument
                            {
                                { "readOnly", false },
                                { "uuid", new BsonBinaryData(collection.Uuid, GuidRepresentation.Standard) },
                            }
                        },
                        { "idIndex", collection.Indexes[0].Spec.Raw },
                    };
                if (filter is null || filter.Matches(entry)) entries.Add(entry);
            }
        }

        var batchSize = QueryCommands.BatchSize(context.Document("cursor"));
        return QueryCommands.OpenCursor(context, $"{context.Database}.$cmd.listCollections", entries, null,
            batchSize, false);
    }
}
