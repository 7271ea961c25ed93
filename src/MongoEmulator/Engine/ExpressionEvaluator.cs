using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>A compiled aggregation expression; a null result means "missing" (distinct from BSON null).</summary>
internal delegate BsonValue? CompiledExpression(in ExpressionScope scope);

/// <summary>What an expression sees: the current document and the per-command system variables.</summary>
internal readonly record struct ExpressionScope(BsonDocument Root, ExpressionContext Context)
{
    /// <summary>The context used when a caller supplies none: wall clock, cluster time from it.</summary>
    public static ExpressionContext CurrentContext()
    {
        var now = DateTime.UtcNow;
        return new ExpressionContext(now, new BsonTimestamp((int)new DateTimeOffset(now).ToUnixTimeSeconds(), 1));
    }
}

/// <summary>
/// Compiles aggregation expressions (field paths, system variables, literals, object/array
/// expressions and the operators in <see cref="ExpressionOperators"/>) into delegates.
/// </summary>
internal static class ExpressionEvaluator
{
    public static CompiledExpression Compile(BsonValue expression)
    {
        switch (expression)
        {
            case BsonString s when s.Value.StartsWith("$$", StringComparison.Ordinal):
                return CompileVariable(s.Value[2..]);
            case BsonString s when s.Value.StartsWith('$'):
                return CompileFieldPath(s.Value[1..]);
            case BsonArray array:
                var items = array.Select(Compile).ToArray();
                return (in ExpressionScope scope) =>
                {
                    var result = new BsonArray(items.Length);
                    foreach (var item in items)
                    {
                        result.Add(item(scope) ?? BsonNull.Value);
                    }

                    return result;
                };
            case BsonDocument document when FilterParser.IsOperatorDocument(document):
                if (document.ElementCount != 1)
                {
                    throw new MongoCommandError(15983, "Location15983",
                        "an expression specification must contain exactly one field, the name of the "
                        + $"expression. Found {document.ElementCount} fields in {document}");
                }

                var op = document.GetElement(0);
                return ExpressionOperators.Compile(op.Name, op.Value);
            case BsonDocument document:
                return CompileObject(document);
            default:
                return (in ExpressionScope _) => expression;
        }
    }

    /// <summary>Aggregation truthiness: false, null, missing, undefined and numeric zero are false.</summary>
    public static bool IsTruthy(BsonValue? value) => value switch
    {
        null => false,
        { BsonType: BsonType.Boolean } => value.AsBoolean,
        { BsonType: BsonType.Null or BsonType.Undefined } => false,
        { BsonType: BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 } =>
            BsonOrder.CompareNumbers(value, new BsonInt32(0)) != 0 || double.IsNaN(value.ToDouble()),
        _ => true,
    };

    /// <summary>Reads a dotted path the aggregation way: through arrays it yields arrays of values.</summary>
    public static BsonValue? GetPath(BsonValue? current, string[] path, int index)
    {
        for (var i = index; i < path.Length; i++)
        {
            switch (current)
            {
                case BsonDocument document:
                    current = document.TryGetValue(path[i], out var value) ? value : null;
                    break;
                case BsonArray array:
                    var mapped = new BsonArray();
                    foreach (var element in array)
                    {
                        if (element is BsonDocument or BsonArray && GetPath(element, path, i) is { } found)
                        {
                            mapped.Add(found);
                        }
                    }

                    return mapped;
                default:
                    return null;
            }
        }

        return current;
    }

    private static CompiledExpression CompileObject(BsonDocument document)
    {
        var names = new string[document.ElementCount];
        var values = new CompiledExpression[document.ElementCount];
        for (var i = 0; i < names.Length; i++)
        {
            var element = document.GetElement(i);
            if (element.Name.Contains('.'))
            {
                throw MongoCommandError.BadValue($"FieldPath field names may not contain '.': {element.Name}");
            }

            names[i] = element.Name;
            values[i] = Compile(element.Value);
        }

        return (in ExpressionScope scope) =>
        {
            var result = new BsonDocument();
            for (var i = 0; i < names.Length; i++)
            {
                if (values[i](scope) is { } value)
                {
                    result.Add(names[i], value);
                }
            }

            return result;
        };
    }

    private static CompiledExpression CompileFieldPath(string dotted)
    {
        if (dotted.Length == 0 || dotted.Split('.').Any(p => p.Length == 0))
        {
            throw MongoCommandError.BadValue($"Invalid field path: '${dotted}'");
        }

        var path = dotted.Split('.');
        return (in ExpressionScope scope) => GetPath(scope.Root, path, 0);
    }

    private static CompiledExpression CompileVariable(string reference)
    {
        var dot = reference.IndexOf('.');
        var name = dot < 0 ? reference : reference[..dot];
        var rest = dot < 0 ? [] : reference[(dot + 1)..].Split('.');
        CompiledExpression variable = name switch
        {
            "NOW" => (in ExpressionScope s) => new BsonDateTime(s.Context.Now),
            "CLUSTER_TIME" => (in ExpressionScope s) => s.Context.ClusterTime,
            "ROOT" or "CURRENT" => (in ExpressionScope s) => s.Root,
            "REMOVE" => (in ExpressionScope _) => null,
            _ => throw new MongoCommandError(17276, "Location17276", $"Use of undefined variable: {name}"),
        };

        if (rest.Length == 0)
        {
            return variable;
        }

        return (in ExpressionScope s) => GetPath(variable(s), rest, 0);
    }
}
