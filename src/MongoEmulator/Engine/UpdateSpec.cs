using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// A parsed update: an operator document (<c>$set</c>, <c>$inc</c>, ...), a replacement document,
/// or an aggregation pipeline (array of <c>$set/$addFields/$unset/$project/$replaceWith/$replaceRoot</c>).
/// </summary>
public sealed class UpdateSpec
{
    private readonly UpdateOperation[] _operations = [];
    private readonly BsonDocument? _replacement;
    private readonly Pipeline? _pipeline;

    private UpdateSpec(UpdateOperation[] operations, BsonDocument? replacement, Pipeline? pipeline)
    {
        _operations = operations;
        _replacement = replacement;
        _pipeline = pipeline;
    }

    /// <summary>Parses an update; throws <see cref="MongoCommandError"/> (FailedToParse, code 9, etc.).</summary>
    public static UpdateSpec Parse(BsonValue update)
    {
        switch (update)
        {
            case BsonArray stages:
                return new UpdateSpec([], null, Pipeline.ParseForUpdate(stages));
            case BsonDocument { ElementCount: 0 }:
                throw MongoCommandError.FailedToParse("Update document requires atomic operators");
            case BsonDocument document when document.GetElement(0).Name.StartsWith('$'):
                return new UpdateSpec(ParseOperators(document), null, null);
            case BsonDocument document:
                ValidateReplacement(document);
                return new UpdateSpec([], document, null);
            default:
                throw MongoCommandError.FailedToParse(
                    $"Update argument must be either an object or an array, found {update.BsonType}");
        }
    }

    public bool IsReplacement => _replacement is not null;

    public bool IsPipeline => _pipeline is not null;

    /// <summary>
    /// Applies the update to a copy of <paramref name="document"/> (never mutates the input).
    /// Errors (ImmutableField 66, TypeMismatch 14, ConflictingUpdateOperators 40) are thrown as
    /// <see cref="MongoCommandError"/>.
    /// </summary>
    public UpdateOutcome Apply(BsonDocument document, UpdateContext context)
    {
        BsonDocument result;
        if (_replacement is not null)
        {
            result = Replace(document, _replacement.DeepClone().AsBsonDocument);
        }
        else if (_pipeline is not null)
        {
            result = RunPipeline(document, context);
        }
        else
        {
            result = document.DeepClone().AsBsonDocument;
            foreach (var operation in _operations)
            {
                UpdateOperators.Apply(operation, result, context);
            }

            CheckId(document, result);
        }

        MoveIdFirst(result);
        if (BsonStrict.Equal(document, result))
        {
            return new UpdateOutcome(result, false, [], []);
        }

        var (updated, removed) = _operations.Length > 0
            ? ChangeDiff.ForOperations(document, result, _operations)
            : ChangeDiff.TopLevel(document, result);
        return new UpdateOutcome(result, true, updated, removed);
    }

    private static UpdateOperation[] ParseOperators(BsonDocument document)
    {
        var operations = new List<UpdateOperation>();
        foreach (var element in document)
        {
            if (!UpdateOperation.IsKnown(element.Name))
            {
                throw MongoCommandError.FailedToParse(
                    $"Unknown modifier: {element.Name}. Expected a valid update modifier or pipeline-style "
                    + "update specified as an array");
            }

            if (element.Value is not BsonDocument fields)
            {
                throw MongoCommandError.FailedToParse(
                    $"Modifiers operate on fields but we found type {element.Value.BsonType} instead. For example: "
                    + $"{{$mod: {{<field>: ...}}}} not {{{element.Name}: {element.Value}}}");
            }

            foreach (var field in fields)
            {
                operations.Add(UpdateOperation.Create(element.Name, field.Name, field.Value));
            }
        }

        CheckConflicts(operations);

        // Since MongoDB 5.0 fields are processed in lexicographic path order (numeric components
        // numerically), which decides where new fields are appended.
        return [.. operations.OrderBy(o => o.Parts, PathOrder.Instance)];
    }

    private static void CheckConflicts(List<UpdateOperation> operations)
    {
        var targets = new List<string[]>();
        foreach (var op in operations)
        {
            targets.Add(op.Parts);
            if (op.Target is not null)
            {
                targets.Add(op.Target);
            }
        }

        for (var i = 0; i < targets.Count; i++)
        {
            for (var j = i + 1; j < targets.Count; j++)
            {
                if (IsPrefix(targets[i], targets[j]) || IsPrefix(targets[j], targets[i]))
                {
                    throw MongoErrors.ConflictingUpdateOperators(
                        string.Join('.', targets[j]), string.Join('.', targets[i]));
                }
            }
        }
    }

    private static bool IsPrefix(string[] prefix, string[] path)
    {
        if (prefix.Length > path.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (prefix[i] != path[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateReplacement(BsonDocument document)
    {
        foreach (var name in document.Names.Where(n => n.StartsWith('$')))
        {
            throw new MongoCommandError(52, "DollarPrefixedFieldName",
                $"The dollar ($) prefixed field '{name}' in '{name}' is not allowed in the context of an update's "
                + "replacement document. Consider using an aggregation pipeline with $replaceWith.");
        }
    }

    private static BsonDocument Replace(BsonDocument original, BsonDocument replacement)
    {
        if (!original.TryGetValue("_id", out var id))
        {
            return replacement;
        }

        if (replacement.TryGetValue("_id", out var newId) && !BsonOrder.ValueEquals(id, newId))
        {
            throw new MongoCommandError(66, "ImmutableField",
                "After applying the update, the (immutable) field '_id' was found to have been altered to "
                + $"_id: {newId}");
        }

        // The stored _id is kept (with its original type), first.
        replacement.Remove("_id");
        replacement.InsertAt(0, new BsonElement("_id", id));
        return replacement;
    }

    private BsonDocument RunPipeline(BsonDocument document, UpdateContext context)
    {
        var expressionContext = new ExpressionContext(context.Now, context.ClusterTime);
        var output = _pipeline!.Run([document.DeepClone().AsBsonDocument], expressionContext).ToList();
        var result = output.Count == 1
            ? output[0]
            : throw MongoCommandError.BadValue("update pipeline lost the document");
        if (!document.TryGetValue("_id", out var id))
        {
            return result;
        }

        if (!result.TryGetValue("_id", out var newId))
        {
            // Stages such as $replaceWith may drop _id; the server puts the original back.
            result.InsertAt(0, new BsonElement("_id", id));
        }
        else if (!BsonStrict.Equal(id, newId))
        {
            throw MongoErrors.ImmutableId();
        }

        return result;
    }

    private static void CheckId(BsonDocument before, BsonDocument after)
    {
        if (!before.TryGetValue("_id", out var id))
        {
            return;
        }

        if (!after.TryGetValue("_id", out var newId) || !BsonStrict.Equal(id, newId))
        {
            throw MongoErrors.ImmutableId();
        }
    }

    private static void MoveIdFirst(BsonDocument document)
    {
        var index = document.IndexOfName("_id");
        if (index > 0)
        {
            var id = document[index];
            document.RemoveAt(index);
            document.InsertAt(0, new BsonElement("_id", id));
        }
    }
}

/// <param name="Now">The value of <c>$$NOW</c> / <c>$currentDate</c>: one value per command.</param>
/// <param name="ClusterTime">The value of <c>$$CLUSTER_TIME</c>.</param>
/// <param name="IsUpsertInsert">True when the document is the seed of an upsert (applies $setOnInsert).</param>
public sealed record UpdateContext(DateTime Now, BsonTimestamp ClusterTime, bool IsUpsertInsert);

/// <param name="Document">The document after the update (<c>_id</c> first).</param>
/// <param name="Modified">False for a no-op (no change event, nModified 0).</param>
/// <param name="UpdatedFields">Dotted path to new value, as change events report them.</param>
/// <param name="RemovedFields">Dotted paths removed.</param>
public sealed record UpdateOutcome(
    BsonDocument Document,
    bool Modified,
    BsonDocument UpdatedFields,
    IReadOnlyList<string> RemovedFields);
