using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>Compiles query filter documents into <see cref="FilterNode"/> trees.</summary>
internal static class FilterParser
{
    private static readonly HashSet<string> GeoAndText =
    [
        "$near", "$nearSphere", "$geoWithin", "$geoIntersects", "$within", "$box", "$center",
        "$centerSphere", "$polygon", "$geometry", "$maxDistance", "$minDistance", "$text",
        "$bitsAllSet", "$bitsAnySet", "$bitsAllClear", "$bitsAnyClear", "$jsonSchema",
    ];

    public static FilterNode ParseDocument(BsonDocument filter, bool topLevel)
    {
        var children = new List<FilterNode>(filter.ElementCount);
        foreach (var element in filter)
        {
            if (element.Name.StartsWith('$'))
            {
                if (ParseTopLevelOperator(element, topLevel) is { } node)
                {
                    children.Add(node);
                }
            }
            else
            {
                children.Add(new FieldFilter(SplitPath(element.Name), ParseCondition(element.Value)));
            }
        }

        return children.Count == 1 ? children[0] : new LogicalFilter([.. children], LogicalFilter.Kind.And);
    }

    /// <summary>A field's condition: an operator document, a regex, or an implicit equality.</summary>
    public static OperatorNode ParseCondition(BsonValue condition)
    {
        if (condition is BsonRegularExpression regex)
        {
            return new LeafOperator(new RegexPredicate(regex));
        }

        if (IsOperatorDocument(condition))
        {
            return ParseOperators(condition.AsBsonDocument);
        }

        return new LeafOperator(new EqualsPredicate(condition));
    }

    public static bool IsOperatorDocument(BsonValue value) =>
        value is BsonDocument { ElementCount: > 0 } document && document.GetElement(0).Name.StartsWith('$');

    public static string[] SplitPath(string dotted)
    {
        var parts = dotted.Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            throw MongoCommandError.BadValue($"Invalid path (empty field name): '{dotted}'");
        }

        return parts;
    }

    private static FilterNode? ParseTopLevelOperator(BsonElement element, bool topLevel)
    {
        switch (element.Name)
        {
            case "$and":
            case "$or":
            case "$nor":
                var kind = element.Name switch
                {
                    "$and" => LogicalFilter.Kind.And,
                    "$or" => LogicalFilter.Kind.Or,
                    _ => LogicalFilter.Kind.Nor,
                };
                return new LogicalFilter(ParseClauses(element, topLevel), kind);
            case "$expr":
                if (!topLevel)
                {
                    throw MongoCommandError.BadValue("$expr can only be applied to the top-level document");
                }

                return new ExprFilter(ExpressionEvaluator.Compile(element.Value));
            case "$comment":
                return null;
            case "$where":
            case "$text":
            case "$jsonSchema":
            case "$sampleRate":
                throw MongoErrors.Unsupported($"the {element.Name} query operator");
            default:
                throw MongoCommandError.BadValue($"unknown top level operator: {element.Name}");
        }
    }

    private static FilterNode[] ParseClauses(BsonElement element, bool topLevel)
    {
        if (element.Value is not BsonArray { Count: > 0 } clauses)
        {
            throw MongoCommandError.BadValue($"{element.Name} argument must be a non-empty array");
        }

        return clauses.Select(c => c is BsonDocument d
                ? ParseDocument(d, topLevel)
                : throw MongoCommandError.BadValue($"{element.Name} argument's entries must be objects"))
            .ToArray();
    }

    private static OperatorNode ParseOperators(BsonDocument operators)
    {
        var parts = new List<OperatorNode>(operators.ElementCount);
        BsonRegularExpression? regex = null;
        string? regexOptions = null;
        foreach (var element in operators)
        {
            switch (element.Name)
            {
                case "$regex":
                    regex = element.Value switch
                    {
                        BsonRegularExpression r => r,
                        BsonString s => new BsonRegularExpression(s.Value),
                        _ => throw MongoCommandError.BadValue("$regex has to be a string"),
                    };
                    break;
                case "$options":
                    regexOptions = element.Value is BsonString o
                        ? o.Value
                        : throw MongoCommandError.BadValue("$options has to be a string");
                    break;
                default:
                    parts.Add(ParseOperator(element));
                    break;
            }
        }

        if (regexOptions is not null && regex is null)
        {
            throw MongoCommandError.BadValue("$options needs a $regex");
        }

        if (regex is not null)
        {
            var options = regexOptions ?? regex.Options;
            parts.Add(new LeafOperator(new RegexPredicate(new BsonRegularExpression(regex.Pattern, options))));
        }

        return parts.Count == 1 ? parts[0] : new AllOfOperator([.. parts]);
    }

    private static OperatorNode ParseOperator(BsonElement element)
    {
        var value = element.Value;
        switch (element.Name)
        {
            case "$eq":
                return new LeafOperator(new EqualsPredicate(value));
            case "$ne":
                return new NotOperator(new LeafOperator(new EqualsPredicate(value)));
            case "$gt":
                return Compare(CompareOp.Gt, value);
            case "$gte":
                return Compare(CompareOp.Gte, value);
            case "$lt":
                return Compare(CompareOp.Lt, value);
            case "$lte":
                return Compare(CompareOp.Lte, value);
            case "$in":
                return new LeafOperator(InList(element));
            case "$nin":
                return new NotOperator(new LeafOperator(InList(element)));
            case "$exists":
                var exists = new LeafOperator(ExistsPredicate.Instance);
                return ExpressionEvaluator.IsTruthy(value) ? exists : new NotOperator(exists);
            case "$type":
                return new LeafOperator(TypeNames.Parse(value));
            case "$size":
                return new LeafOperator(new SizePredicate(WholeNumber("$size", value)));
            case "$all":
                return All(value);
            case "$elemMatch":
                return new LeafOperator(ElemMatch(value));
            case "$not":
                return new NotOperator(value switch
                {
                    BsonRegularExpression r => new LeafOperator(new RegexPredicate(r)),
                    BsonDocument { ElementCount: > 0 } d when IsOperatorDocument(d) => ParseOperators(d),
                    _ => throw MongoCommandError.BadValue("$not needs a regex or a document"),
                });
            case "$mod":
                return Mod(value);
            default:
                if (GeoAndText.Contains(element.Name))
                {
                    throw MongoErrors.Unsupported($"the {element.Name} query operator");
                }

                throw MongoCommandError.BadValue($"unknown operator: {element.Name}");
        }
    }

    private static LeafOperator Compare(CompareOp op, BsonValue operand)
    {
        if (operand is BsonRegularExpression)
        {
            throw MongoCommandError.BadValue("Can't have RegEx as arg to predicate over field");
        }

        return new LeafOperator(new ComparePredicate(op, operand));
    }

    private static InPredicate InList(BsonElement element)
    {
        if (element.Value is not BsonArray values)
        {
            throw MongoCommandError.BadValue($"{element.Name} needs an array");
        }

        return new InPredicate(values.Select(v => v switch
        {
            BsonRegularExpression r => (ValuePredicate)new RegexPredicate(r),
            BsonDocument d when IsOperatorDocument(d) =>
                throw MongoCommandError.BadValue($"cannot nest $ under {element.Name}"),
            _ => new EqualsPredicate(v),
        }).ToArray());
    }

    private static OperatorNode All(BsonValue value)
    {
        if (value is not BsonArray { Count: > 0 } values)
        {
            // {$all: []} matches nothing, as in the server.
            return value is BsonArray
                ? new LeafOperator(new InPredicate([]))
                : throw MongoCommandError.BadValue("$all needs an array");
        }

        return new AllOfOperator(values.Select(v => v switch
        {
            BsonDocument { ElementCount: 1 } d when d.GetElement(0).Name == "$elemMatch" =>
                new LeafOperator(ElemMatch(d[0])),
            BsonDocument d when IsOperatorDocument(d) =>
                throw MongoCommandError.BadValue("no $ expressions in $all"),
            _ => ParseCondition(v),
        }).ToArray());
    }

    private static ElemMatchPredicate ElemMatch(BsonValue value)
    {
        if (value is not BsonDocument inner)
        {
            throw MongoCommandError.BadValue("$elemMatch needs an Object");
        }

        var valueMode = IsOperatorDocument(inner)
            && inner.GetElement(0).Name is not ("$and" or "$or" or "$nor" or "$expr" or "$where");
        if (valueMode)
        {
            var condition = ParseOperators(inner);
            return new ElemMatchPredicate(element => condition.MatchValue(element));
        }

        var filter = ParseDocument(inner, topLevel: false);
        return new ElemMatchPredicate(element => element is BsonDocument d && filter.Matches(d, null));
    }

    private static LeafOperator Mod(BsonValue value)
    {
        if (value is not BsonArray { Count: 2 } pair
            || !BsonOrder.IsNumber(pair[0])
            || !BsonOrder.IsNumber(pair[1]))
        {
            throw MongoCommandError.BadValue("malformed mod, needs to be an array of two numbers");
        }

        var divisor = (long)Math.Truncate(pair[0].ToDouble());
        if (divisor == 0)
        {
            throw MongoCommandError.BadValue("divisor cannot be 0");
        }

        return new LeafOperator(new ModPredicate(divisor, (long)Math.Truncate(pair[1].ToDouble())));
    }

    internal static int WholeNumber(string op, BsonValue value)
    {
        if (!BsonOrder.IsNumber(value) || value.ToDouble() != Math.Truncate(value.ToDouble())
            || value.ToDouble() is < 0 or > int.MaxValue)
        {
            throw MongoCommandError.BadValue($"{op} needs a non-negative whole number, found {value}");
        }

        return (int)value.ToDouble();
    }
}
