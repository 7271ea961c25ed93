using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.Storage;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>Shared update logic for the update command and findAndModify (called under the lock).</summary>
internal static class UpdateExecutor
{
    public readonly record struct StatementOutcome(long Matched, long Modified, BsonValue? UpsertedId);

    /// <summary>One update statement, parsed and checked: parsing needs no lock, so it precedes the write.</summary>
    public sealed record Statement(QueryFilter? Filter, UpdateSpec Spec, bool Multi, bool Upsert);

    public static Statement Parse(BsonDocument statement)
    {
        var filter = Queries.Filter(statement.GetValue("q", new BsonDocument()));
        var spec = UpdateSpec.Parse(statement.GetValue("u", new BsonDocument()));
        var multi = Flag(statement, "multi");
        var upsert = Flag(statement, "upsert");

        if (multi && spec.IsReplacement)
        {
            throw MongoCommandError.FailedToParse("multi update is not supported for replacement-style update");
        }

        return new Statement(filter, spec, multi, upsert);
    }

    /// <summary>The statement's shape, checked for the whole command before anything runs (as MongoDB does).</summary>
    public static void CheckShape(BsonDocument statement)
    {
        Flag(statement, "multi");
        Flag(statement, "upsert");
        if (statement.TryGetValue("arrayFilters", out var filters) && filters is not BsonArray)
        {
            throw MongoCommandError.TypeMismatch($"arrayFilters must be an array, got {filters.BsonType}");
        }

        if (filters is BsonArray { Count: > 0 })
        {
            // They only serve positional updates ($[<id>]), which the emulator refuses; applied without them the
            // update would change other elements than asked.
            throw MongoCommandError.NotImplemented("arrayFilters (positional updates) are not supported");
        }
    }

    private static bool Flag(BsonDocument statement, string name) =>
        !statement.TryGetValue(name, out var value) || value.IsBsonNull ? false
        : value.IsBoolean ? value.AsBoolean
        : throw MongoCommandError.TypeMismatch(
            $"BSON field 'update.updates.{name}' is the wrong type '{value.BsonType}'");

    /// <summary>Executes a parsed statement; called under the write lock.</summary>
    public static StatementOutcome Run(CommandContext context, Statement statement)
    {
        var (filter, spec, multi, upsert) = statement;
        var store = context.State.Store;
        var collection = upsert
            ? store.GetOrCreate(context.Database, context.CollectionName)
            : store.Catalog.Get(context.Database, context.CollectionName);
        var matches = collection?.Find(filter, context.Expressions, multi ? int.MaxValue : 1) ?? [];
        long modified = 0;
        foreach (var match in matches)
        {
            if (Apply(context, collection!, match, spec) is not null) modified++;
        }

        if (matches.Count > 0 || !upsert) return new StatementOutcome(matches.Count, modified, null);
        var document = Upsert(context, collection!, filter, spec);
        return new StatementOutcome(0, 0, document["_id"]);
    }

    /// <summary>Applies the update to one record; returns the new document, or null for a no-op.</summary>
    public static BsonDocument? Apply(CommandContext context, CollectionStore collection, Match match,
        UpdateSpec spec)
    {
        var (record, current) = match;
        var outcome = spec.Apply(current, UpdateContextFor(context, false));
        if (!outcome.Modified) return null;
        var document = outcome.Document;
        if (!document.TryGetValue("_id", out var newId) || !BsonOrder.ValueEquals(newId, record.Id))
        {
            throw new MongoCommandError(66, "ImmutableField",
                "Performing an update on the path '_id' would modify the immutable field '_id'");
        }

        document = Documents.WithIdFirst(document);
        context.OperationTime = context.State.Store.Update(collection, record, current, document,
            spec.IsReplacement ? null : outcome);
        return document;
    }

    /// <summary>Inserts the upsert document: query equalities (only _id for replacements), then the update.</summary>
    public static BsonDocument Upsert(CommandContext context, CollectionStore collection, QueryFilter? filter,
        UpdateSpec spec)
    {
        var seed = filter is null ? new BsonDocument() : UpsertSeed.From(filter);
        if (spec.IsReplacement)
        {
            seed = seed.TryGetValue("_id", out var id) ? new BsonDocument("_id", id) : new BsonDocument();
        }

        var document = spec.Apply(seed, UpdateContextFor(context, true)).Document;
        if (seed.TryGetValue("_id", out var seededId) && document.TryGetValue("_id", out var finalId)
            && !BsonOrder.ValueEquals(seededId, finalId))
        {
            throw new MongoCommandError(66, "ImmutableField",
                "After applying the update, the (immutable) field '_id' was found to have been altered");
        }

        document = Documents.WithIdFirst(document);
        context.OperationTime = context.State.Store.Insert(collection, document);
        return document;
    }

    private static UpdateContext UpdateContextFor(CommandContext context, bool upsertInsert) =>
        new(context.Expressions.Now, context.Expressions.ClusterTime, upsertInsert);
}
