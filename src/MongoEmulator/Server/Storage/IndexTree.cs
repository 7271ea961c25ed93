using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>A sorted index over one collection: one entry per key tuple per record.</summary>
internal sealed class IndexTree
{
    private readonly SortedSet<(BsonValue[] Key, long RecordId)> _entries;

    public IndexTree(IndexSpec spec)
    {
        Spec = spec;
        _entries = new SortedSet<(BsonValue[], long)>(new IndexEntryComparer(spec.Descending));
    }

    public IndexSpec Spec { get; }

    /// <summary>True when the index holds every document under its natural key, so it can answer queries.</summary>
    public bool CanServeQueries => !Spec.Sparse && Spec.PartialFilter is null;

    public void Add(List<BsonValue[]>? keys, long recordId)
    {
        foreach (var key in keys ?? []) _entries.Add((key, recordId));
    }

    public void Remove(List<BsonValue[]>? keys, long recordId)
    {
        foreach (var key in keys ?? []) _entries.Remove((key, recordId));
    }

    public void Clear() => _entries.Clear();

    /// <summary>A record other than <paramref name="self"/> holding an equal key, or null.</summary>
    public long? FindConflict(BsonValue[] key, long self)
    {
        foreach (var entry in _entries.GetViewBetween((key, long.MinValue), (key, long.MaxValue)))
        {
            if (entry.RecordId != self) return entry.RecordId;
        }

        return null;
    }

    /// <summary>Record ids whose leading key lies within the bounds (inclusive; callers re-filter).</summary>
    public IEnumerable<long> Scan(BsonValue? lower, BsonValue? upper)
    {
        var low = lower ?? BsonMinKey.Value;
        var high = upper ?? BsonMaxKey.Value;
        if (BsonOrder.Compare(low, high) > 0) return [];
        if (Spec.Descending[0]) (low, high) = (high, low);
        var from = Bound(low, lowSide: true);
        var to = Bound(high, lowSide: false);
        return _entries.GetViewBetween((from, long.MinValue), (to, long.MaxValue)).Select(e => e.RecordId);
    }

    private BsonValue[] Bound(BsonValue leading, bool lowSide)
    {
        var key = new BsonValue[Spec.Fields.Length];
        key[0] = leading;
        for (var i = 1; i < key.Length; i++)
        {
            // The bound must sit before (or after) every trailing value in index order.
            var wantMin = lowSide != Spec.Descending[i];
            key[i] = wantMin ? BsonMinKey.Value : BsonMaxKey.Value;
        }

        return key;
    }
}
