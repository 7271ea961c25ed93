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
        var updates = Documents.Array(context, "updates");
        foreach (var update in updates) UpdateExecutor.CheckShape(update.AsBsonDocument);
        var statements = ParseAll(updates, s => UpdateExecutor.Parse(s.AsBsonDocument));
        var ordered = context.Bool("ordered", true);
        var errors = new BsonArray();
        var upserted = new BsonArray();
        long matched = 0, modified = 0;
        context.State.Store.Write(() =>
        {
            for (var i = 0; i < statements.Length; i++)
            {
                try
                {
                    var outcome = UpdateExecutor.Run(context, statements[i].Get());
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
        var deletes = Documents.Array(context, "deletes");
        var limits = deletes.Select(delete => DeleteLimit(delete.AsBsonDocument)).ToArray();
        var filters = ParseAll(deletes, delete => Queries.Filter(delete.AsBsonDocument.GetValue("q", EmptyFilter)));
        var ordered = context.Bool("ordered", true);
        var errors = new BsonArray();
        var deleted = context.State.Store.Write(() =>
        {
            var store = context.State.Store;
            long n = 0;
            for (var i = 0; i < filters.Length; i++)
            {
                try
                {
                    var (filter, limit) = (filters[i].Get(), limits[i]);
                    var collection = store.Catalog.Get(context.Database, context.CollectionName);
                    if (collection is null) continue;
                    foreach (var (record, current) in collection.Find(filter, context.Expressions, limit))
                    {
                        context.OperationTime = store.Delete(collection, record, current);
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

    private static readonly BsonDocument EmptyFilter = new();

    /// <summary>
    /// As MongoDB, a statement's limit is required and is 0 (every match) or 1, checked for the whole command
    /// before anything runs: any other value would delete more than asked.
    /// </summary>
    private static int DeleteLimit(BsonDocument statement)
    {
        if (!statement.TryGetValue("limit", out var limit))
        {
            throw new MongoCommandError(
                40414, "Location40414", "BSON field 'delete.deletes.limit' is missing but a required field");
        }

        if (!limit.IsNumeric) throw MongoCommandError.TypeMismatch($"limit must be a number, got {limit.BsonType}");
        return limit.ToDouble() switch
        {
            0 => int.MaxValue,
            1 => 1,
            _ => throw MongoCommandError.FailedToParse(
                $"The limit field in delete objects must be 0 or 1. Got {limit}"),
        };
    }

    /// <summary>
    /// Parses every statement before the write lock is taken, so the lock covers only the writes. A statement
    /// that does not parse keeps its error for its turn: the statements before it still run, as before.
    /// </summary>
    private static Parsed<T>[] ParseAll<T>(BsonArray statements, Func<BsonValue, T> parse)
    {
        var parsed = new Parsed<T>[statements.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            try
            {
                parsed[i] = new Parsed<T>(parse(statements[i]), null);
            }
            catch (MongoCommandError error)
            {
                parsed[i] = new Parsed<T>(default, error);
            }
        }

        return parsed;
    }

    private readonly record struct Parsed<T>(T? Value, MongoCommandError? Error)
    {
        public T Get() => Error is null ? Value! : throw Error;
    }

    private static BsonDocument WithErrors(BsonDocument reply, BsonArray errors)
    {
        if (errors.Count > 0) reply["writeErrors"] = errors;
        return reply;
    }
}
