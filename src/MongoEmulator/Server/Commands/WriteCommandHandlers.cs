using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>insert / update / delete: per-statement failures become writeErrors with ok: 1.</summary>
internal static class WriteCommandHandlers
{
    public static void Register(Dictionary<string, CommandHandler> handlers)
    {
        handlers["insert"] = c => ValueTask.FromResult(Insert(c));
        handlers["update"] = c => ValueTask.FromResult(Update(c));
        handlers["delete"] = c => ValueTask.FromResult(Delete(c));
    }

    private static BsonDocument Insert(CommandContext context)
    {
        var documents = Documents.Array(context, "documents");
        var ordered = context.Bool("ordered", true);
        var errors = new BsonArray();
        var inserted = context.State.Store.Write(() =>
        {
            var store = context.State.Store;
            var collection = store.GetOrCreate(context.Database, context.CollectionName);
            var n = 0;
            for (var i = 0; i < documents.Count; i++)
            {
                try
                {
                    var document = Documents.WithIdFirst(documents[i].AsBsonDocument);
                    context.OperationTime = store.Insert(collection, document);
                    n++;
                }
                catch (MongoCommandError error)
                {
                    errors.Add(Documents.WriteError(i, error));
                    if (ordered) break;
                }
            }

            return n;
        });
        return WithErrors(new BsonDocument("n", inserted), errors);
    }

    private static BsonDocument Update(CommandContext context)
    {
        var statements = Documents.Array(context, "updates");
        var ordered = context.Bool("ordered", true);
        var errors = new BsonArray();
        var upserted = new BsonArray();
        long matched = 0, modified = 0;
        context.State.Store.Write(() =>
        {
            for (var i = 0; i < statements.Count; i++)
            {
                try
                {
                    var outcome = UpdateExecutor.Run(context, statements[i].AsBsonDocument);
                    matched += outcome.Matched;
                    modified += outcome.Modified;
                    if (outcome.UpsertedId is not null)
                    {
                        upserted.Add(new BsonDocument { { "index", i }, { "_id", outcome.UpsertedId } });
                    }
                }
                catch (MongoCommandError error)
                {
                    errors.Add(Documents.WriteError(i, error));
                    if (ordered) break;
                }
            }

            return 0;
        });
        var reply = new BsonDocument { { "n", matched + upserted.Count }, { "nModified", modified } };
        if (upserted.Count > 0) reply["upserted"] = upserted;
        return WithErrors(reply, errors);
    }

    private static BsonDocument Delete(CommandContext context)
    {
        var statements = Documents.Array(context, "deletes");
        var ordered = context.Bool("ordered", true);
        var errors = new BsonArray();
        var deleted = context.State.Store.Write(() =>
        {
            var store = context.State.Store;
            long n = 0;
            for (var i = 0; i < statements.Count; i++)
            {
                try
                {
                    var statement = statements[i].AsBsonDocument;
                    var collection = store.Catalog.Get(context.Database, context.CollectionName);
                    if (collection is null) continue;
                    var filter = Queries.Filter(statement.GetValue("q", new BsonDocument()));
                    var limit = statement.GetValue("limit", 0).ToInt32() == 1 ? 1 : int.MaxValue;
                    foreach (var record in collection.Find(filter, context.Expressions, limit))
                    {
                        context.OperationTime = store.Delete(collection, record);
                        n++;
                    }
                }
                catch (MongoCommandError error)
                {
                    errors.Add(Documents.WriteError(i, error));
                    if (ordered) break;
                }
            }

            return n;
        });
        return WithErrors(new BsonDocument("n", deleted), errors);
    }

    private static BsonDocument WithErrors(BsonDocument reply, BsonArray errors)
    {
        if (errors.Count > 0) reply["writeErrors"] = errors;
        return reply;
    }
}
