namespace HaScheduler.MongoEmulator.Engine;

/// <summary>Orders update paths component-wise: numeric components numerically, others ordinally.</summary>
internal sealed class PathOrder : IComparer<string[]>
{
    public static PathOrder Instance { get; } = new();

    public int Compare(string[]? x, string[]? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = QueryPath.TryIndex(x[i], out var a) && QueryPath.TryIndex(y[i], out var b)
                ? a.CompareTo(b)
                : string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
