using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>The aggregation expression operators the emulator evaluates.</summary>
internal static class ExpressionOperators
{
    private static readonly HashSet<string> ComparisonNames = ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$cmp"];

    public static CompiledExpression Compile(string name, BsonValue argument)
    {
        if (name == "$literal")
        {
            return (in ExpressionScope _) => argument;
        }

        if (ComparisonNames.Contains(name))
        {
            return CompileComparison(name, Arguments(name, argument, 2, 2));
        }

        return name switch
        {
            "$and" => CompileLogical(Arguments(name, argument, 0, int.MaxValue), isAnd: true),
            "$or" => CompileLogical(Arguments(name, argument, 0, int.MaxValue), isAnd: false),
            "$not" => Not(Arguments(name, argument, 1, 1)[0]),
            "$cond" => CompileCond(argument),
            "$ifNull" => IfNull(Arguments(name, argument, 2, int.MaxValue)),
            "$add" => Arithmetic.Add(Arguments(name, argument, 0, int.MaxValue)),
            "$subtract" => Arithmetic.Subtract(Arguments(name, argument, 2, 2)),
            "$multiply" => Arithmetic.Multiply(Arguments(name, argument, 0, int.MaxValue)),
            "$in" => In(Arguments(name, argument, 2, 2)),
            "$max" => Extreme(Arguments(name, argument, 1, int.MaxValue), sign: 1),
            "$min" => Extreme(Arguments(name, argument, 1, int.MaxValue), sign: -1),
            "$toDate" => Conversions.ToDate(Arguments(name, argument, 1, 1)[0]),
            "$size" => Size(Arguments(name, argument, 1, 1)[0]),
            _ => throw MongoErrors.UnknownExpression(name),
        };
    }

    /// <summary>Aggregation comparison: total BSON order, missing below null (unlike queries).</summary>
    public static int CompareValues(BsonValue? a, BsonValue? b) =>
        BsonOrder.Compare(a ?? BsonUndefined.Value, b ?? BsonUndefined.Value);

    private static CompiledExpression[] Arguments(string name, BsonValue argument, int min, int max)
    {
        var raw = argument is BsonArray array ? array.ToArray() : [argument];
        if (raw.Length < min || raw.Length > max)
        {
            var expected = min == max ? $"exactly {min}" : $"at least {min}";
            throw new MongoCommandError(16020, "Location16020",
                $"Expression {name} takes {expected} arguments. {raw.Length} were passed in.");
        }

        return raw.Select(ExpressionEvaluator.Compile).ToArray();
    }

    private static CompiledExpression CompileComparison(string name, CompiledExpression[] args)
    {
        var (left, right) = (args[0], args[1]);
        return (in ExpressionScope s) =>
        {
            var c = CompareValues(left(s), right(s));
            return name switch
            {
                "$eq" => c == 0,
                "$ne" => c != 0,
                "$gt" => c > 0,
                "$gte" => c >= 0,
                "$lt" => c < 0,
                "$lte" => c <= 0,
                _ => new BsonInt32(Math.Sign(c)),
            };
        };
    }

    private static CompiledExpression CompileLogical(CompiledExpression[] args, bool isAnd) =>
        (in ExpressionScope s) =>
        {
            foreach (var arg in args)
            {
                if (ExpressionEvaluator.IsTruthy(arg(s)) != isAnd)
                {
                    return !isAnd;
                }
            }

            return isAnd;
        };

    private static CompiledExpression Not(CompiledExpression arg) =>
        (in ExpressionScope s) => !ExpressionEvaluator.IsTruthy(arg(s));

    private static CompiledExpression CompileCond(BsonValue argument)
    {
        CompiledExpression condition, then, otherwise;
        if (argument is BsonDocument document)
        {
            foreach (var key in document.Names.Where(k => k is not ("if" or "then" or "else")))
            {
                throw MongoCommandError.BadValue($"Unrecognized parameter to $cond: {key}");
            }

            if (!document.Contains("if") || !document.Contains("then") || !document.Contains("else"))
            {
                throw MongoCommandError.BadValue("Missing 'if', 'then' or 'else' parameter to $cond");
            }

            condition = ExpressionEvaluator.Compile(document["if"]);
            then = ExpressionEvaluator.Compile(document["then"]);
            otherwise = ExpressionEvaluator.Compile(document["else"]);
        }
        else
        {
            var args = Arguments("$cond", argument, 3, 3);
            (condition, then, otherwise) = (args[0], args[1], args[2]);
        }

        return (in ExpressionScope s) => ExpressionEvaluator.IsTruthy(condition(s)) ? then(s) : otherwise(s);
    }

    private static CompiledExpression IfNull(CompiledExpression[] args) =>
        (in ExpressionScope s) =>
        {
            for (var i = 0; i < args.Length - 1; i++)
            {
                if (args[i](s) is { IsBsonNull: false, IsBsonUndefined: false } value)
                {
                    return value;
                }
            }

            return args[^1](s);
        };

    private static CompiledExpression In(CompiledExpression[] args) =>
        (in ExpressionScope s) =>
        {
            var needle = args[0](s);
            if (args[1](s) is not BsonArray haystack)
            {
                throw new MongoCommandError(40081, "Location40081", "$in requires an array as a second argument");
            }

            return haystack.Any(v => CompareValues(needle, v) == 0);
        };

    private static CompiledExpression Extreme(CompiledExpression[] args, int sign) =>
        (in ExpressionScope s) =>
        {
            BsonValue? best = null;
            BsonValue?[] values;
            if (args.Length == 1 && args[0](s) is BsonArray only)
            {
                values = only.ToArray();
            }
            else
            {
                values = new BsonValue?[args.Length];
                for (var i = 0; i < args.Length; i++)
                {
                    values[i] = args[i](s);
                }
            }

            foreach (var value in values)
            {
                if (value is null || value.IsBsonNull || value.IsBsonUndefined)
                {
                    continue;
                }

                if (best is null || sign * BsonOrder.Compare(value, best) > 0)
                {
                    best = value;
                }
            }

            return best ?? BsonNull.Value;
        };

    private static CompiledExpression Size(CompiledExpression arg) =>
        (in ExpressionScope s) => arg(s) is BsonArray array
            ? new BsonInt32(array.Count)
            : throw new MongoCommandError(17124, "Location17124", "The argument to $size must be an array");
}
