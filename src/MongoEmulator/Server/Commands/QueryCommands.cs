using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.ChangeStreams;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>find / getMore / killCursors / count / distinct.</summary>
internal static class QueryCommands
{
    private const int DefaultFirstBatch = 101;

    public static void Register(Dictionary<string, CommandHandler> handlers)
    {
        handlers["find"] = c => ValueTask.FromResult(Find(c));
        handlers["getMore"] = GetMoreAsync;
        handlers["killCursors"] = c => ValueTask.FromResult(KillCursors(c));
        handlers["count"] = c => ValueTask.FromResult(Count(c));
        handlers["distinct"] = c => ValueTask.FromResult(Distinct(c));
    }

    /// <summary>Registers a cursor over the documents and returns the first-batch reply.</summary>
    public static BsonDocument OpenCursor(CommandContext context, string ns, List<BsonDocument> documents,
        Projection? projection, int batchSize, bool singleBatch)
    {
        var state = context.State;
        var cursor = new FindCursor(state.Cursors.NewId(), ns, documents, projection);
        var batch = cursor.NextBatch(batchSize);
        var id = cursor.Exhausted || singleBatch ? 0 : cursor.Id;
        if (id != 0) state.Cursors.Add(cursor);
        return Replies.Cursor(id, ns, "firstBatch", batch);
    }

    public static int BatchSize(BsonDocument? options, string field = "batchSize") =>
        options is not null && options.TryGetValue(field, out var value) && value.IsNumeric
            ? Math.Max(0, value.ToInt32())
            : DefaultFirstBatch;

    private static BsonDocument Find(CommandContext context)
    {
        var command = context.Command;
        var filter = Queries.Filter(command.GetValue("filter", BsonNull.Value));
        var sort = Queries.Sort(command.GetValue("sort", BsonNull.Value));
        var projection = Queries.Projection(command.GetValue("projection", BsonNull.Value));
        var skip = (int)Math.Min(int.MaxValue, Math.Max(0, context.Int64("skip", 0)));
        var limit = context.Int64("limit", 0);
        var singleBatch = context.Bool("singleBatch") || limit < 0;
        limit = Math.Abs(limit);
        var batchSize = command.Contains("batchSize") ? BatchSize(command) : DefaultFirstBatch;
        if (batchSize == 0 && !command.Contains("batchSize")) batchSize = DefaultFirstBatch;
        List<BsonDocument> documents;
        using (context.State.Store.Gate.EnterRead())
        {
            var collection = context.State.Store.Catalog.Get(context.Database, context.CollectionName);
            // Without a sort the scan can stop early; with one every match must be ordered first.
            var scanLimit = sort is null && limit > 0 ? (int)Math.Min(int.MaxValue, skip + limit) : int.MaxValue;
            documents = collection?.Find(filter, context.Expressions, scanLimit).ConvertAll(r => r.Document) ?? [];
        }

        IEnumerable<BsonDocument> ordered = Queries.Ordered(documents, sort).Skip(skip);
        if (limit > 0) ordered = ordered.Take((int)Math.Min(int.MaxValue, limit));
        var results = ordered.ToList();
        if (limit > 0 && (batchSize == 0 || batchSize > limit)) batchSize = (int)limit;
        return OpenCursor(context, context.FullName, results, projection, batchSize, singleBatch);
    }

    private static async ValueTask<BsonDocument> GetMoreAsync(CommandContext context)
    {
        var id = context.Command[0].IsNumeric ? context.Command[0].ToInt64() : 0;
        var cursor = context.State.Cursors.Get(id) ?? throw CursorNotFound(id);
        await cursor.InUse.WaitAsync(context.Cancellation);
        try
        {
            cursor.LastUsedUtc = DateTime.UtcNow;
            var batchSize = context.Command.Contains("batchSize") ? BatchSize(context.Command) : 0;
            if (cursor is ChangeStreamCursor stream) return await stream.GetMoreAsync(context, batchSize);
            var find = (FindCursor)cursor;
            var batch = find.NextBatch(batchSize);
            if (find.Exhausted) context.State.Cursors.Remove(id);
            return Replies.Cursor(find.Exhausted ? 0 : id, find.Namespace, "nextBatch", batch);
        }
        finally
        {
            cursor.LastUsedUtc = DateTime.UtcNow;
            cursor.InUse.Release();
        }
    }

    private static BsonDocument KillCursors(CommandContext context)
    {
        var killed = new BsonArray();
        var notFound = new BsonArray();
        var ids = context.Command.GetValue("cursors", new BsonArray()).AsBsonArray;
        foreach (var value in ids)
        {
            var id = value.ToInt64();
            (context.State.Cursors.Remove(id) ? killed : notFound).Add(id);
        }

        return new BsonDocument
        {
            { "cursorsKilled", killed },
            { "cursorsNotFound", notFound },
            { "cursorsAlive", new BsonArray() },
            { "cursorsUnknown", new BsonArray() },
        };
    }

    private static BsonDocument Count(CommandContext context)
    {
        var filter = Queries.Filter(context.Command.GetValue("query", BsonNull.Value));
        var skip = Math.Max(0, context.Int64("skip", 0));
        var limit = Math.Abs(context.Int64("limit", 0));
        long n;
        using (context.State.Store.Gate.EnterRead())
        {
            var collection = context.State.Store.Catalog.Get(context.Database, context.CollectionName);
            n = collection is null ? 0 : filter is null ? collection.Count : collection.Find(filter, context.Expressions).Count;
        }

        n = Math.Max(0, n - skip);
        if (limit > 0) n = Math.Min(n, limit);
        return new BsonDocument("n", n > int.MaxValue ? n : (int)n);
    }

    private static BsonDocument Distinct(CommandContext context)
    {
        var key = context.Command.GetValue("key", "").AsString;
        var filter = Queries.Filter(context.Command.GetValue("query", BsonNull.Value));
        var values = new List<BsonValue>();
        using (context.State.Store.Gate.EnterRead())
        {
            var collection = context.State.Store.Catalog.Get(context.Database, context.CollectionName);
            foreach (var record in collection?.Find(filter, context.Expressions) ?? [])
            {
                foreach (var value in Storage.KeyExtractor.Values(record.Document, key))
                {
                    if (!values.Exists(v => BsonOrder.ValueEquals(v, value))) values.Add(value);
                }
            }
        }

        values.Sort(BsonOrder.Comparer);
        return new BsonDocument("values", new BsonArray(values));
    }

    public static MongoCommandError CursorNotFound(long id) =>
        new(43, "CursorNotFound", $"cursor id {id} not found");
}
