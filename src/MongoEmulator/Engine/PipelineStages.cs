using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

internal delegate IEnumerable<BsonDocument> StageRunner(IEnumerable<BsonDocument> input, ExpressionContext context);

/// <summary>Compiles single aggregation stages.</summary>
internal static class PipelineStages
{
    private static readonly HashSet<string> Unsupported =
    [
        "$lookup", "$graphLookup", "$facet", "$unionWith", "$out", "$merge", "$geoNear", "$search",
        "$searchMeta", "$bucket", "$bucketAuto", "$sortByCount", "$sample", "$redact", "$densify", "$fill",
        "$setWindowFields", "$collStats", "$indexStats", "$currentOp", "$listSessions", "$listLocalSessions",
        "$planCacheStats", "$documents", "$changeStreamSplitLargeEvent", "$listSearchIndexes",
        "$vectorSearch", "$shardedDataDistribution", "$listSampledQueries",
    ];

    public static StageRunner Compile(string name, BsonValue spec)
    {
        switch (name)
        {
            case "$match":
                var filter = QueryFilter.Parse(spec as BsonDocument
                    ?? throw new MongoCommandError(15959, "Location15959",
                        "the match filter must be an expression in an object"));
                return (input, context) => input.Where(d => filter.Matches(d, context));
            case "$skip":
                var skip = Count("$skip", spec, allowZero: true);
                return (input, _) => input.Skip(skip);
            case "$limit":
                var limit = Count("$limit", spec, allowZero: false);
                return (input, _) => input.Take(limit);
            case "$sort":
                var sort = SortSpec.Parse(spec as BsonDocument
                    ?? throw new MongoCommandError(15973, "Location15973",
                        "the $sort key specification must be an object"));
                return sort.IsEmpty
                    ? throw new MongoCommandError(15976, "Location15976",
                        "$sort stage must have at least one sort key")
                    : (input, _) => sort.Sort(input);
            case "$project":
                var projection = Projection.Parse(Document(name, spec), isFind: false);
                return (input, context) => input.Select(d => projection.Apply(d, context));
            case "$unset":
                return Unset(spec);
            case "$addFields":
            case "$set":
                return AddFieldsStage.Compile(Document(name, spec));
            case "$replaceWith":
                return ReplaceRoot(ExpressionEvaluator.Compile(spec));
            case "$replaceRoot":
                var newRoot = Document(name, spec).TryGetValue("newRoot", out var root)
                    ? root
                    : throw new MongoCommandError(40231, "Location40231",
                        "no newRoot specified for the $replaceRoot stage");
                return ReplaceRoot(ExpressionEvaluator.Compile(newRoot));
            case "$count":
                return CountStage(spec);
            case "$group":
                return GroupStage.Compile(Document(name, spec));
            case "$unwind":
                return UnwindStage.Compile(spec);
            case "$changeStream":
                return (_, _) =>
                    throw MongoErrors.Unsupported("running $changeStream as a stage (the server handles it)");
            default:
                throw Unsupported.Contains(name)
                    ? MongoErrors.UnsupportedStage(name)
                    : MongoErrors.UnknownStage(name);
        }
    }

    private static BsonDocument Document(string stage, BsonValue spec) =>
        spec as BsonDocument ?? throw MongoCommandError.BadValue($"{stage} specification must be an object");

    /// <summary>Driver-sent counts may be Int32, Int64 or whole doubles (CountDocuments uses Int64).</summary>
    private static int Count(string stage, BsonValue spec, bool allowZero)
    {
        var whole = BsonOrder.IsNumber(spec) && spec.ToDouble() == Math.Truncate(spec.ToDouble());
        if (!whole || spec.ToDouble() < (allowZero ? 0 : 1))
        {
            var expected = allowZero ? "a non-negative" : "a positive";
            throw new MongoCommandError(15958, "Location15958", $"the {stage} must be {expected} integer: {spec}");
        }

        return (int)Math.Min(spec.ToDouble(), int.MaxValue);
    }

    private static StageRunner Unset(BsonValue spec)
    {
        var fields = spec switch
        {
            BsonString s => [s.Value],
            BsonArray { Count: > 0 } a when a.All(v => v is BsonString) => a.Select(v => v.AsString).ToArray(),
            _ => throw new MongoCommandError(31002, "Location31002",
                "$unset specification must be a string or an array containing only string values"),
        };
        var exclusion = new BsonDocument(fields.Select(f => new BsonElement(f, 0)));
        var projection = Projection.Parse(exclusion, isFind: false);
        return (input, context) => input.Select(d => projection.Apply(d, context));
    }

    private static StageRunner ReplaceRoot(CompiledExpression newRoot) =>
        (input, context) => input.Select(d => newRoot(new ExpressionScope(d, context)) is BsonDocument root
            ? root.DeepClone().AsBsonDocument
            : throw new MongoCommandError(40228, "Location40228",
                "'replacement document' must evaluate to an object"));

    private static StageRunner CountStage(BsonValue spec)
    {
        if (spec is not BsonString { Value.Length: > 0 } name
            || name.Value.StartsWith('$')
            || name.Value.Contains('.'))
        {
            throw new MongoCommandError(40156, "Location40156",
                "the count field must be a non-empty string that does not start with $ and has no '.'");
        }

        return (input, _) =>
        {
            var count = input.Count();
            return count == 0 ? [] : [new BsonDocument(name.Value, count)];
        };
    }
}
