using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>A compiled condition on one path: evaluated over a whole path or over a single value.</summary>
internal abstract class OperatorNode
{
    public abstract bool MatchPath(BsonDocument document, string[] path);

    public abstract bool MatchValue(BsonValue? value);
}

internal sealed class LeafOperator(ValuePredicate predicate) : OperatorNode
{
    public ValuePredicate Predicate { get; } = predicate;

    public override bool MatchPath(BsonDocument document, string[] path) =>
        QueryPath.Any(document, path, Predicate);

    public override bool MatchValue(BsonValue? value) => Predicate.Test(value);
}

/// <summary>$ne, $nin, $not, $exists:false: negate the match over the whole path, not per candidate.</summary>
internal sealed class NotOperator(OperatorNode inner) : OperatorNode
{
    public override bool MatchPath(BsonDocument document, string[] path) => !inner.MatchPath(document, path);

    public override bool MatchValue(BsonValue? value) => !inner.MatchValue(value);
}

internal sealed class AllOfOperator(OperatorNode[] parts) : OperatorNode
{
    public override bool MatchPath(BsonDocument document, string[] path)
    {
        foreach (var part in parts)
        {
            if (!part.MatchPath(document, path))
            {
                return false;
            }
        }

        return true;
    }

    public override bool MatchValue(BsonValue? value)
    {
        foreach (var part in parts)
        {
            if (!part.MatchValue(value))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A compiled top-level (or $elemMatch document) filter node.</summary>
internal abstract class FilterNode
{
    public abstract bool Matches(BsonDocument document, ExpressionContext? context);
}

internal sealed class FieldFilter(string[] path, OperatorNode condition) : FilterNode
{
    public override bool Matches(BsonDocument document, ExpressionContext? context) =>
        condition.MatchPath(document, path);
}

internal sealed class LogicalFilter(FilterNode[] children, LogicalFilter.Kind kind) : FilterNode
{
    public enum Kind { And, Or, Nor }

    public override bool Matches(BsonDocument document, ExpressionContext? context)
    {
        switch (kind)
        {
            case Kind.And:
                foreach (var child in children)
                {
                    if (!child.Matches(document, context))
                    {
                        return false;
                    }
                }

                return true;
            default:
                foreach (var child in children)
                {
                    if (child.Matches(document, context))
                    {
                        return kind == Kind.Or;
                    }
                }

                return kind == Kind.Nor;
        }
    }
}

internal sealed class ExprFilter(CompiledExpression expression) : FilterNode
{
    public override bool Matches(BsonDocument document, ExpressionContext? context)
    {
        var scope = new ExpressionScope(document, context ?? ExpressionScope.CurrentContext());
        return ExpressionEvaluator.IsTruthy(expression(scope));
    }
}

/// <summary>Walks a dotted path the way queries do, descending into arrays.</summary>
internal static class QueryPath
{
    /// <summary>True when <paramref name="predicate"/> accepts any candidate value on the path.</summary>
    public static bool Any(BsonDocument document, string[] path, ValuePredicate predicate)
    {
        // Hot path: a single field name needs no recursion.
        if (path.Length == 1)
        {
            return predicate.Test(document.TryGetValue(path[0], out var value) ? value : null);
        }

        return Walk(document, path, 0, predicate);
    }

    private static bool Walk(BsonValue container, string[] path, int index, ValuePredicate predicate)
    {
        var last = index == path.Length - 1;
        if (container is BsonDocument document)
        {
            if (!document.TryGetValue(path[index], out var value))
            {
                return predicate.Test(null);
            }

            return last ? predicate.Test(value) : Walk(value, path, index + 1, predicate);
        }

        if (container is not BsonArray array)
        {
            return predicate.Test(null);
        }

        // A numeric component both indexes the array and names a field of embedded documents.
        if (TryIndex(path[index], out var position) && position < array.Count)
        {
            var element = array[position];
            if (last ? predicate.Test(element) : Walk(element, path, index + 1, predicate))
            {
                return true;
            }
        }

        foreach (var element in array)
        {
            if (element is BsonDocument && Walk(element, path, index, predicate))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool TryIndex(string component, out int index)
    {
        index = 0;
        if (component.Length == 0 || component.Length > 9 || (component.Length > 1 && component[0] == '0'))
        {
            return false;
        }

        foreach (var c in component)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            index = (index * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>
    /// Every value on the path, arrays at the end expanded into their elements (sort keys use this).
    /// Missing paths contribute nothing.
    /// </summary>
    public static void Collect(BsonValue container, string[] path, int index, List<BsonValue> output)
    {
        if (index == path.Length)
        {
            output.Add(container);
            return;
        }

        if (container is BsonDocument document)
        {
            if (document.TryGetValue(path[index], out var value))
            {
                Collect(value, path, index + 1, output);
            }
        }
        else if (container is BsonArray array)
        {
            if (TryIndex(path[index], out var position) && position < array.Count)
            {
                Collect(array[position], path, index + 1, output);
            }

            foreach (var element in array)
            {
                if (element is BsonDocument)
                {
                    Collect(element, path, index, output);
                }
            }
        }
    }
}
