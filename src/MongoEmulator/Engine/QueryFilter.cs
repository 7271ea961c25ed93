using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>A parsed query filter. Parse once, match many documents.</summary>
public sealed class QueryFilter
{
    /// <summary>Parses a filter; throws <see cref="MongoCommandError"/> (BadValue naming the operator).</summary>
    public static QueryFilter Parse(BsonDocument? filter) => throw new NotImplementedException();

    /// <summary>An empty filter that matches everything.</summary>
    public static QueryFilter All => Parse(null);

    /// <summary>
    /// True when the document matches. <paramref name="context"/> supplies <c>$$NOW</c> and
    /// <c>$$CLUSTER_TIME</c> to <c>$expr</c> (one value per command); null means "now".
    /// </summary>
    public bool Matches(BsonDocument document, ExpressionContext? context = null) =>
        throw new NotImplementedException();

    /// <summary>
    /// Top-level equality predicates (plain values, <c>$eq</c>, and equalities inside a top-level
    /// <c>$and</c>), by dotted path. Used to seed upserts and to look up indexes.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, BsonValue>> Equalities => throw new NotImplementedException();

    /// <summary>
    /// Range bounds on a path implied by top-level <c>$gt/$gte/$lt/$lte/$eq</c> predicates, for index
    /// range scans; false when the filter does not constrain the path at top level.
    /// The filter is still applied to every candidate, so bounds may be looser than the predicate.
    /// </summary>
    public bool TryGetBounds(string path, out RangeBounds bounds) => throw new NotImplementedException();
}

/// <summary>Inclusive or exclusive bounds; a null bound is open.</summary>
public readonly record struct RangeBounds(
    BsonValue? Lower, bool LowerInclusive, BsonValue? Upper, bool UpperInclusive);
