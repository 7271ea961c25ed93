using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>One operator applied to one path, validated at parse time.</summary>
internal sealed class UpdateOperation
{
    private static readonly HashSet<string> Known =
    [
        "$set", "$unset", "$inc", "$mul", "$rename", "$setOnInsert", "$push", "$addToSet", "$pop",
        "$pull", "$pullAll", "$max", "$min", "$currentDate",
    ];

    private UpdateOperation(string op, string path, BsonValue argument)
    {
        Operator = op;
        Path = path;
        Parts = SplitUpdatePath(path);
        Argument = argument;
    }

    public string Operator { get; }

    public string Path { get; }

    public string[] Parts { get; }

    public BsonValue Argument { get; }

    /// <summary>$rename's destination.</summary>
    public string[]? Target { get; private init; }

    public PushModifiers? Push { get; private init; }

    public Func<BsonValue, bool>? PullMatch { get; private init; }

    public static bool IsKnown(string op) => Known.Contains(op);

    public static UpdateOperation Create(string op, string path, BsonValue argument)
    {
        var operation = new UpdateOperation(op, path, argument);
        switch (op)
        {
            case "$inc":
            case "$mul":
                if (!BsonOrder.IsNumber(argument))
                {
                    var verb = op == "$inc" ? "increment" : "multiply";
                    throw MongoCommandError.TypeMismatch(
                        $"Cannot {verb} with non-numeric argument: {{{path}: {argument}}}");
                }

                return operation;
            case "$rename":
                if (argument is not BsonString target)
                {
                    throw MongoCommandError.BadValue(
                        $"The 'to' field for $rename must be a string: {path}: {argument}");
                }

                if (target.Value == path)
                {
                    throw MongoCommandError.BadValue(
                        $"The source and target field for $rename must differ: {path}: \"{target.Value}\"");
                }

                return new UpdateOperation(op, path, argument) { Target = SplitUpdatePath(target.Value) };
            case "$currentDate":
                ValidateCurrentDate(path, argument);
                return operation;
            case "$pop":
                if (!BsonOrder.IsNumber(argument) || Math.Abs(argument.ToDouble()) != 1)
                {
                    throw MongoCommandError.FailedToParse($"$pop expects 1 or -1, found: {argument}");
                }

                return operation;
            case "$pullAll":
                if (argument is not BsonArray)
                {
                    throw MongoCommandError.BadValue(
                        $"$pullAll requires an array argument but was given a {argument.BsonType}");
                }

                return operation;
            case "$push":
            case "$addToSet":
                return new UpdateOperation(op, path, argument) { Push = PushModifiers.Parse(op, argument) };
            case "$pull":
                return new UpdateOperation(op, path, argument) { PullMatch = PullCondition(argument) };
            default:
                return operation;
        }
    }

    private static string[] SplitUpdatePath(string path)
    {
        var parts = path.Split('.');
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                throw new MongoCommandError(56, "EmptyFieldName",
                    $"An update path '{path}' contains an empty field name, which is not allowed.");
            }

            if (part[0] == '$')
            {
                throw MongoErrors.Unsupported($"positional update operators ('$', '$[]', '$[<id>]') in '{path}'");
            }
        }

        return parts;
    }

    private static void ValidateCurrentDate(string path, BsonValue argument)
    {
        var valid = argument is BsonBoolean
            || (argument is BsonDocument { ElementCount: 1 } d && d.GetElement(0).Name == "$type"
                && d[0] is BsonString { Value: "date" or "timestamp" });
        if (!valid)
        {
            throw MongoCommandError.BadValue(
                $"{path} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression "
                + "({$type: 'timestamp/date'}).");
        }
    }

    private static Func<BsonValue, bool> PullCondition(BsonValue argument)
    {
        if (FilterParser.IsOperatorDocument(argument))
        {
            var condition = FilterParser.ParseCondition(argument);
            return element => condition.MatchValue(element);
        }

        if (argument is BsonDocument query)
        {
            // A plain document is a query on embedded documents, not an exact-match value.
            var filter = FilterParser.ParseDocument(query, topLevel: false);
            return element => element is BsonDocument d && filter.Matches(d, null);
        }

        return element => BsonOrder.ValueEquals(element, argument);
    }
}
