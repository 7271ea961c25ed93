using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.Commands;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>Validates an aggregate starting with <c>$changeStream</c> and opens its cursor.</summary>
internal static class ChangeStreamOpener
{
    private static readonly HashSet<string> AllowedStages =
        ["$match", "$project", "$addFields", "$set", "$unset", "$replaceRoot", "$replaceWith", "$redact"];

    private static readonly HashSet<string> KnownStages =
    [
        "$group", "$sort", "$limit", "$skip", "$lookup", "$unwind", "$count", "$facet", "$out", "$merge",
        "$bucket", "$bucketAuto", "$sample", "$graphLookup", "$sortByCount", "$geoNear", "$unionWith",
        "$densify", "$fill", "$setWindowFields", "$changeStream", "$indexStats", "$collStats", "$documents",
        "$currentOp", "$listSessions", "$planCacheStats",
    ];

    public static BsonDocument Open(CommandContext context, BsonArray pipeline)
    {
        var options = pipeline[0].AsBsonDocument[0] as BsonDocument
            ?? throw MongoCommandError.FailedToParse("$changeStream stage expects an object");
        var userStages = new BsonArray(pipeline.Skip(1));
        ValidateStages(userStages);
        var scope = ScopeOf(context, options);
        var user = userStages.Count > 0 ? Pipeline.Parse(userStages) : null;
        var lookup = options.TryGetValue("fullDocument", out var mode) && mode is BsonString s && s.Value != "default";
        var store = context.State.Store;
        var batchSize = QueryCommands.BatchSize(context.Document("cursor"));
        using (store.Gate.EnterRead())
        {
            var start = StartSequence(store.History, options);
            var cursor = new ChangeStreamCursor(context.State.Cursors.NewId(), scope, user, lookup, start);
            var (batch, token) = cursor.Scan(store, context.Expressions, batchSize);
            if (!cursor.Invalidated) context.State.Cursors.Add(cursor);
            return Replies.Cursor(cursor.Invalidated ? 0 : cursor.Id, cursor.Namespace, "firstBatch", batch, token);
        }
    }

    private static void ValidateStages(BsonArray stages)
    {
        foreach (var stage in stages)
        {
            var name = stage is BsonDocument { ElementCount: 1 } d ? d.GetElement(0).Name : "";
            if (AllowedStages.Contains(name)) continue;
            if (KnownStages.Contains(name))
            {
                throw new MongoCommandError(20, "IllegalOperation",
                    $"{name} is not permitted in a $changeStream pipeline");
            }

            throw new MongoCommandError(40324, "Location40324", $"Unrecognized pipeline stage name: '{name}'");
        }
    }

    private static ChangeStreamScope ScopeOf(CommandContext context, BsonDocument options)
    {
        if (context.Command[0] is BsonString)
        {
            return new ChangeStreamScope(context.Database, context.CollectionName);
        }
        if (context.Database != "admin") return new ChangeStreamScope(context.Database, null);
        if (!options.GetValue("allChangesForCluster", false).ToBoolean())
        {
            throw new MongoCommandError(73, "InvalidNamespace",
                "$changeStream may not be opened on the internal admin database");
        }

        return new ChangeStreamScope(null, null);
    }

    private static long StartSequence(ChangeHistory history, BsonDocument options)
    {
        var resumeAfter = options.GetValue("resumeAfter", BsonNull.Value);
        var startAfter = options.GetValue("startAfter", BsonNull.Value);
        var atTime = options.GetValue("startAtOperationTime", BsonNull.Value);
        if (!resumeAfter.IsBsonNull && !startAfter.IsBsonNull) throw ChangeStreamErrors.ConflictingStart(50865);
        var token = resumeAfter.IsBsonNull ? startAfter : resumeAfter;
        if (!token.IsBsonNull && !atTime.IsBsonNull) throw ChangeStreamErrors.ConflictingStart(40674);
        if (!atTime.IsBsonNull)
        {
            if (atTime is not BsonTimestamp time)
            {
                throw MongoCommandError.TypeMismatch("startAtOperationTime must be a timestamp");
            }
            return FromTime(history, time);
        }

        if (token.IsBsonNull) return history.NextSequence;
        var parsed = ResumeToken.Parse(token);
        if (!parsed.IsEvent) return FromTime(history, parsed.ClusterTime);
        if (parsed.IsInvalidate && !resumeAfter.IsBsonNull) throw ChangeStreamErrors.ResumeFromInvalidate();
        if (LogicalClock.Compare(parsed.ClusterTime, history.CompleteSince) < 0)
        {
            throw ChangeStreamErrors.HistoryLost();
        }
        var sequence = history.FirstAtOrAfter(parsed.ClusterTime);
        var change = history.At(sequence);
        if (change is not { } found || LogicalClock.Compare(found.ClusterTime, parsed.ClusterTime) != 0)
        {
            throw ChangeStreamErrors.TokenNotFound();
        }

        return sequence + 1;
    }

    private static long FromTime(ChangeHistory history, BsonTimestamp time)
    {
        if (LogicalClock.Compare(time, history.CompleteSince) < 0) throw ChangeStreamErrors.HistoryLost();
        return history.FirstAtOrAfter(time);
    }
}
