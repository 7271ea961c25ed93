using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>MongoDB's cross-type BSON comparison order (simple collation).</summary>
public static class BsonOrder
{
    /// <summary>Compares two values: type order first, numbers by value, strings by UTF-8 bytes.</summary>
    public static int Compare(BsonValue a, BsonValue b) => throw new NotImplementedException();

    /// <summary>Equality as a query or a unique index sees it (1 == 1L == 1.0).</summary>
    public static bool ValueEquals(BsonValue a, BsonValue b) => Compare(a, b) == 0;

    public static IComparer<BsonValue> Comparer { get; } = Comparer<BsonValue>.Create(Compare);
}
