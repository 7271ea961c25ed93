using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>A parsed query filter. Parse once, match many documents.</summary>
public sealed class QueryFilter
{
    private readonly FilterNode? _root;
    private readonly List<KeyValuePair<string, BsonValue>> _equalities = [];
    private readonly List<(string Path, string Op, BsonValue Value)> _comparisons = [];

    private QueryFilter(BsonDocument? filter)
    {
        if (filter is null || filter.ElementCount == 0)
        {
            return;
        }

        _root = FilterParser.ParseDocument(filter, topLevel: true);
        CollectTopLevel(filter);
        _equalitiesOnly = filter.All(e => !e.Name.StartsWith('$') && IsEquality(e.Value));
    }

    private readonly bool _equalitiesOnly;

    /// <summary>
    /// True when every document this filter matches is known to match <paramref name="other"/> as well: other
    /// is nothing but top-level equalities, and this filter requires each of them too. False means "not known"
    /// (used to let a partial index answer a query, so it errs on the side of not using it).
    /// </summary>
    public bool Implies(QueryFilter other) =>
        other._equalitiesOnly
        && other._equalities.All(required => _equalities.Any(
            own => own.Key == required.Key && own.Value.BsonType == required.Value.BsonType
                   && own.Value.Equals(required.Value)));

    private static bool IsEquality(BsonValue condition) =>
        condition is not BsonRegularExpression
        && (!FilterParser.IsOperatorDocument(condition)
            || condition.AsBsonDocument.Names.All(name => name == "$eq"));

    /// <summary>Parses a filter; throws <see cref="MongoCommandError"/> (BadValue naming the operator).</summary>
    public static QueryFilter Parse(BsonDocument? filter) => new(filter);

    /// <summary>An empty filter that matches everything.</summary>
    public static QueryFilter All => Parse(null);

    /// <summary>True when the filter is empty (every document matches).</summary>
    public bool IsEmpty => _root is null;

    /// <summary>
    /// True when the document matches. <paramref name="context"/> supplies <c>$$NOW</c> and
    /// <c>$$CLUSTER_TIME</c> to <c>$expr</c> (one value per command); null means "now".
    /// </summary>
    public bool Matches(BsonDocument document, ExpressionContext? context = null) =>
        _root is null || _root.Matches(document, context);

    /// <summary>
    /// Top-level equality predicates (plain values, <c>$eq</c>, and equalities inside a top-level
    /// <c>$and</c>), by dotted path. Used to seed upserts and to look up indexes.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, BsonValue>> Equalities => _equalities;

    /// <summary>
    /// Range bounds on a path implied by top-level <c>$gt/$gte/$lt/$lte/$eq</c> predicates, for index
    /// range scans; false when the filter does not constrain the path at top level.
    /// The filter is still applied to every candidate, so bounds may be looser than the predicate.
    /// Lower and upper bounds are intersected, which is only safe when no document holds an array on
    /// the path; for a multikey index use <see cref="TryGetBounds(string, bool, out RangeBounds)"/>.
    /// </summary>
    public bool TryGetBounds(string path, out RangeBounds bounds) => TryGetBounds(path, false, out bounds);

    /// <summary>
    /// As <see cref="TryGetBounds(string, out RangeBounds)"/>; with <paramref name="multikey"/> a range
    /// keeps only its lower side, because {a: {$gt: 5, $lt: 3}} matches [1, 7] through two elements.
    /// </summary>
    public bool TryGetBounds(string path, bool multikey, out RangeBounds bounds)
    {
        if (!TryIntersectBounds(path, out bounds))
        {
            return false;
        }

        var isPoint = bounds.Lower is not null && bounds.Upper is not null
            && BsonOrder.ValueEquals(bounds.Lower, bounds.Upper) && bounds.LowerInclusive && bounds.UpperInclusive;
        if (multikey && !isPoint && bounds.Lower is not null)
        {
            bounds = bounds with { Upper = null, UpperInclusive = false };
        }

        return true;
    }

    private bool TryIntersectBounds(string path, out RangeBounds bounds)
    {
        bounds = default;
        var found = false;
        foreach (var (p, op, value) in _comparisons)
        {
            if (p != path)
            {
                continue;
            }

            // Arrays match element-wise and regexes are not ranges: leave such paths unbounded.
            if (value is BsonArray or BsonRegularExpression)
            {
                bounds = default;
                return false;
            }

            found = true;
            if (op is "$eq" or "$gt" or "$gte")
            {
                var inclusive = op != "$gt";
                var c = bounds.Lower is null ? 1 : BsonOrder.Compare(value, bounds.Lower);
                if (c > 0 || (c == 0 && !inclusive))
                {
                    bounds = bounds with { Lower = value, LowerInclusive = inclusive };
                }
            }

            if (op is "$eq" or "$lt" or "$lte")
            {
                var inclusive = op != "$lt";
                var c = bounds.Upper is null ? -1 : BsonOrder.Compare(value, bounds.Upper);
                if (c < 0 || (c == 0 && !inclusive))
                {
                    bounds = bounds with { Upper = value, UpperInclusive = inclusive };
                }
            }
        }

        return found;
    }

    private void CollectTopLevel(BsonDocument filter)
    {
        foreach (var element in filter)
        {
            if (element.Name == "$and" && element.Value is BsonArray clauses)
            {
                foreach (var clause in clauses.OfType<BsonDocument>())
                {
                    CollectTopLevel(clause);
                }
            }
            else if (!element.Name.StartsWith('$'))
            {
                CollectField(element.Name, element.Value);
            }
        }
    }

    private void CollectField(string path, BsonValue condition)
    {
        if (condition is BsonRegularExpression)
        {
            return;
        }

        if (!FilterParser.IsOperatorDocument(condition))
        {
            _equalities.Add(new(path, condition));
            _comparisons.Add((path, "$eq", condition));
            return;
        }

        foreach (var op in condition.AsBsonDocument)
        {
            if (op.Name == "$eq")
            {
                _equalities.Add(new(path, op.Value));
            }

            if (op.Name is "$eq" or "$gt" or "$gte" or "$lt" or "$lte")
            {
                _comparisons.Add((path, op.Name, op.Value));
            }
        }
    }
}

/// <summary>Inclusive or exclusive bounds; a null bound is open.</summary>
public readonly record struct RangeBounds(
    BsonValue? Lower, bool LowerInclusive, BsonValue? Upper, bool UpperInclusive);
