using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.Storage;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>findAndModify: errors (including DuplicateKey) are command errors, not writeErrors.</summary>
internal static class FindAndModifyCommand
{
    public static void Register(Dictionary<string, CommandHandler> handlers)
    {
        handlers["findAndModify"] = c => ValueTask.FromResult(Execute(c));
        handlers["findandmodify"] = c => ValueTask.FromResult(Execute(c));
    }

    private static BsonDocument Execute(CommandContext context)
    {
        var command = context.Command;
        var filter = Queries.Filter(command.GetValue("query", BsonNull.Value));
        var sort = Queries.Sort(command.GetValue("sort", BsonNull.Value));
        var projection = Queries.Projection(command.GetValue("fields", BsonNull.Value));
        var remove = context.Bool("remove");
        var returnNew = context.Bool("new");
        var upsert = context.Bool("upsert");
        var spec = command.TryGetValue("update", out var update) ? UpdateSpec.Parse(update) : null;
        if (remove == (spec is not null))
        {
            throw MongoCommandError.FailedToParse("Either an update or remove=true must be specified");
        }

        if (remove && (upsert || returnNew))
        {
            throw MongoCommandError.FailedToParse("Cannot specify both upsert=true or new=true and remove=true");
        }

        var (value, lastError) = context.State.Store.Write(() =>
        {
            var store = context.State.Store;
            var collection = upsert
                ? store.GetOrCreate(context.Database, context.CollectionName)
                : store.Catalog.Get(context.Database, context.CollectionName);
            var candidates = collection?.Find(filter, context.Expressions, sort is null ? 1 : int.MaxValue) ?? [];
            Match? target = sort is null
                ? candidates.Count > 0 ? candidates[0] : null
                : candidates.OrderBy(r => r.Document, sort.Comparer).Cast<Match?>().FirstOrDefault();
            if (remove)
            {
                if (target is not { } victim) return (null, new BsonDocument("n", 0));
                context.OperationTime = store.Delete(collection!, victim.Record, victim.Document);
                return (victim.Document, new BsonDocument("n", 1));
            }

            if (target is { } found)
            {
                var before = found.Document;
                var after = UpdateExecutor.Apply(context, collection!, found, spec!) ?? before;
                return (returnNew ? after : before,
                    new BsonDocument { { "n", 1 }, { "updatedExisting", true } });
            }

            if (!upsert) return (null, new BsonDocument { { "n", 0 }, { "updatedExisting", false } });
            var inserted = UpdateExecutor.Upsert(context, collection!, filter, spec!);
            return ((BsonDocument?)(returnNew ? inserted : null),
                new BsonDocument { { "n", 1 }, { "updatedExisting", false }, { "upserted", inserted["_id"] } });
        });

        BsonValue result = value is null ? BsonNull.Value : projection is null ? value : projection.Apply(value);
        return new BsonDocument { { "lastErrorObject", lastError }, { "value", result } };
    }
}
