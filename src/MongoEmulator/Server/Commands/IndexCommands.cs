using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.Storage;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>createIndexes / listIndexes / dropIndexes.</summary>
internal static class IndexCommands
{
    public static void Register(Dictionary<string, CommandHandler> handlers)
    {
        handlers["createIndexes"] = c => ValueTask.FromResult(Create(c));
        handlers["listIndexes"] = c => ValueTask.FromResult(List(c));
        handlers["dropIndexes"] = c => ValueTask.FromResult(Drop(c));
    }

    private static BsonDocument Create(CommandContext context)
    {
        var specs = Documents.Array(context, "indexes")
            .Select(v => IndexSpec.From(v.AsBsonDocument))
            .ToList();
        return context.State.Store.Write(() =>
        {
            var store = context.State.Store;
            var created = store.Catalog.Get(context.Database, context.CollectionName) is null;
            var collection = store.GetOrCreate(context.Database, context.CollectionName);
            var before = collection.Indexes.Count;
            foreach (var spec in specs)
            {
                if (IsExisting(collection, spec)) continue;
                context.OperationTime = store.AddIndex(collection, spec);
            }

            var reply = new BsonDocument
            {
                { "numIndexesBefore", before },
                { "numIndexesAfter", collection.Indexes.Count },
                { "createdCollectionAutomatically", created },
            };
            if (before == collection.Indexes.Count) reply["note"] = "all indexes already exist";
            return reply;
        });
    }

    private static bool IsExisting(CollectionStore collection, IndexSpec spec)
    {
        foreach (var index in collection.Indexes.Select(i => i.Spec))
        {
            var sameKey = index.Key.Equals(spec.Key);
            if (index.Name == spec.Name)
            {
                if (!sameKey)
                {
                    throw new MongoCommandError(86, "IndexKeySpecsConflict",
                        $"An existing index has the same name as the requested index but different key. "
                        + $"Requested index: {spec.Raw}, existing index: {index.Raw}");
                }

                if (!index.SameOptions(spec) && !spec.IsIdIndex)
                {
                    throw new MongoCommandError(85, "IndexOptionsConflict",
                        $"An equivalent index already exists with the same name but different options. "
                        + $"Requested index: {spec.Raw}, existing index: {index.Raw}");
                }

                return true;
            }

            if (sameKey)
            {
                throw new MongoCommandError(85, "IndexOptionsConflict",
                    $"Index already exists with a different name: {index.Name}");
            }
        }

        return false;
    }

    private static BsonDocument List(CommandContext context)
    {
        List<BsonDocument> specs;
        using (context.State.Store.Gate.EnterRead())
        {
            var collection = context.State.Store.Catalog.Get(context.Database, context.CollectionName)
                ?? throw new MongoCommandError(
                    26, "NamespaceNotFound", $"ns does not exist: {context.FullName}");
            specs = collection.Indexes.Select(i => i.Spec.Raw).ToList();
        }

        var batchSize = QueryCommands.BatchSize(context.Document("cursor"));
        return QueryCommands.OpenCursor(context, context.FullName, specs, null, batchSize, false);
    }

    private static BsonDocument Drop(CommandContext context)
    {
        var target = context.Command.GetValue("index", BsonNull.Value);
        return context.State.Store.Write(() =>
        {
            var store = context.State.Store;
            var collection = store.Catalog.Get(context.Database, context.CollectionName)
                ?? throw new MongoCommandError(26, "NamespaceNotFound", $"ns not found {context.FullName}");
            var before = collection.Indexes.Count;
            var names = target switch
            {
                BsonString { Value: "*" } => collection.Indexes
                    .Where(i => !i.Spec.IsIdIndex)
                    .Select(i => i.Spec.Name)
                    .ToList(),
                BsonString name => [name.Value],
                BsonArray array => array.Select(v => v.AsString).ToList(),
                BsonDocument key => collection.Indexes
                    .Where(i => i.Spec.Key.Equals(key))
                    .Select(i => i.Spec.Name)
                    .ToList(),
                _ => throw MongoCommandError.BadValue("dropIndexes requires 'index'"),
            };
            foreach (var name in names)
            {
                if (name == "_id_")
                {
                    throw new MongoCommandError(72, "InvalidOptions", "cannot drop _id index");
                }

                if (collection.Indexes.All(i => i.Spec.Name != name))
                {
                    throw new MongoCommandError(27, "IndexNotFound", $"index not found with name [{name}]");
                }

                context.OperationTime = store.DropIndex(collection, name);
            }

            return new BsonDocument("nIndexesWas", before);
        });
    }
}
