using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// A sort specification; arrays sort by min (ascending) / max (descending) element, missing sorts as
/// null. <see cref="Comparer"/> reports ties as 0, so callers must use a stable sort (List.Sort is not
/// stable; <see cref="Sort"/> and LINQ OrderBy are) to keep the input order among equal keys.
/// </summary>
public sealed class SortSpec
{
    private readonly (string[] Path, int Direction)[] _keys;

    private SortSpec((string[] Path, int Direction)[] keys)
    {
        _keys = keys;
        Comparer = Comparer<BsonDocument>.Create(Compare);
    }

    public static SortSpec Parse(BsonDocument? sort)
    {
        if (sort is null)
        {
            return new SortSpec([]);
        }

        var keys = new List<(string[], int)>(sort.ElementCount);
        foreach (var element in sort)
        {
            if (element.Value is BsonDocument meta && meta.Contains("$meta"))
            {
                throw MongoErrors.Unsupported("$meta sort keys");
            }

            var direction = BsonOrder.IsNumber(element.Value) ? element.Value.ToDouble() : 0;
            if (direction is not (1 or -1))
            {
                throw new MongoCommandError(15975, "Location15975",
                    "$sort key ordering must be 1 (for ascending) or -1 (for descending)");
            }

            keys.Add((FilterParser.SplitPath(element.Name), (int)direction));
        }

        return new SortSpec([.. keys]);
    }

    public bool IsEmpty => _keys.Length == 0;

    public IComparer<BsonDocument> Comparer { get; }

    /// <summary>Stable sort that extracts each document's keys once.</summary>
    public List<BsonDocument> Sort(IEnumerable<BsonDocument> documents)
    {
        if (IsEmpty)
        {
            return documents.ToList();
        }

        var keyed = documents.Select(d => (Keys: KeysOf(d), Document: d)).ToList();
        return keyed.OrderBy(k => k.Keys, Comparer<BsonValue[]>.Create(CompareKeys))
            .Select(k => k.Document)
            .ToList();
    }

    private int Compare(BsonDocument? x, BsonDocument? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            var c = BsonOrder.Compare(KeyOf(x, i), KeyOf(y, i)) * _keys[i].Direction;
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private int CompareKeys(BsonValue[] x, BsonValue[] y)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            var c = BsonOrder.Compare(x[i], y[i]) * _keys[i].Direction;
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private BsonValue[] KeysOf(BsonDocument document)
    {
        var keys = new BsonValue[_keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = KeyOf(document, i);
        }

        return keys;
    }

    private BsonValue KeyOf(BsonDocument document, int index)
    {
        var (path, direction) = _keys[index];
        if (path.Length == 1 && document.TryGetValue(path[0], out var direct) && direct is not BsonArray)
        {
            return direct;
        }

        var found = new List<BsonValue>();
        QueryPath.Collect(document, path, 0, found);
        BsonValue? best = null;
        foreach (var value in found)
        {
            if (value is BsonArray array)
            {
                // An empty array sorts below null, as the server's sort keys do.
                if (array.Count == 0)
                {
                    best = Pick(best, BsonUndefined.Value, direction);
                }

                foreach (var element in array)
                {
                    best = Pick(best, element, direction);
                }
            }
            else
            {
                best = Pick(best, value, direction);
            }
        }

        return best ?? BsonNull.Value;
    }

    private static BsonValue Pick(BsonValue? best, BsonValue candidate, int direction) =>
        best is null || BsonOrder.Compare(candidate, best) * direction < 0 ? candidate : best;
}
