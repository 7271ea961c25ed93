using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>
/// Documents and indexes of one collection. Not thread-safe: every call happens under the server's
/// global lock, which also serializes writes into one total order for change streams.
/// </summary>
internal sealed class CollectionStore
{
    private readonly SortedDictionary<long, StoredRecord> _natural = new();
    private readonly List<IndexTree> _indexes = [new IndexTree(IndexSpec.IdIndex())];
    private long _nextRecordId;

    public CollectionStore(string database, string name, Guid uuid)
    {
        Database = database;
        Name = name;
        Uuid = uuid;
    }

    public string Database { get; }

    public string Name { get; }

    public Guid Uuid { get; }

    public int Count => _natural.Count;

    public IReadOnlyList<IndexTree> Indexes => _indexes;

    public IEnumerable<StoredRecord> All => _natural.Values;

    public StoredRecord? FindById(BsonValue id)
    {
        var conflict = _indexes[0].FindConflict([id], long.MinValue);
        return conflict is { } recordId ? _natural[recordId] : null;
    }

    /// <summary>
    /// Matching records with the decoded document each was matched on, using an index for equality or range on a
    /// leading field when possible.
    /// </summary>
    public List<Match> Find(QueryFilter? filter, ExpressionContext? context = null, int limit = int.MaxValue)
    {
        var result = new List<Match>();
        foreach (var record in Candidates(filter))
        {
            var document = record.Document;
            if (filter is null || filter.Matches(document, context))
            {
                result.Add(new Match(record, document));
                if (result.Count >= limit) break;
            }
        }

        return result;
    }

    /// <summary>
    /// At most <paramref name="limit"/> records holding a key within the bounds on the index's leading field, in
    /// index order, each once; the index must belong to this collection.
    /// </summary>
    public List<Match> InRange(IndexTree index, BsonValue lower, BsonValue upper, int limit) =>
        Lookup(index.Scan(lower, upper), limit).ConvertAll(r => new Match(r, r.Document));

    public StoredRecord Insert(BsonDocument document)
    {
        var record = new StoredRecord(++_nextRecordId, document);
        var keys = KeysOf(document);
        for (var i = 0; i < _indexes.Count; i++) CheckUnique(_indexes[i], keys[i], record.RecordId);
        for (var i = 0; i < _indexes.Count; i++) _indexes[i].Add(keys[i], record.RecordId);
        _natural.Add(record.RecordId, record);
        return record;
    }

    /// <summary>Stores a new version; <paramref name="previous"/> is the current one, decoded by the caller.</summary>
    public void Replace(StoredRecord record, BsonDocument previous, BsonDocument document)
    {
        // Encoded first: a document that cannot be stored must fail before any index has changed.
        var bytes = StoredRecord.Encode(document);
        var oldKeys = KeysOf(previous);
        var newKeys = KeysOf(document);

        // Most updates leave most indexes' keys as they were (a run's outcome changes one indexed field, its status):
        // only the indexes whose keys changed are checked and rewritten.
        var changed = new bool[_indexes.Count];
        for (var i = 0; i < changed.Length; i++)
        {
            changed[i] = !SameKeys(oldKeys[i], newKeys[i]);
            if (changed[i]) CheckUnique(_indexes[i], newKeys[i], record.RecordId);
        }

        for (var i = 0; i < changed.Length; i++)
        {
            if (!changed[i]) continue;
            _indexes[i].Remove(oldKeys[i], record.RecordId);
            _indexes[i].Add(newKeys[i], record.RecordId);
        }

        record.Store(bytes);
    }

    /// <summary>Removes the record; <paramref name="current"/> is its document, as decoded by the caller.</summary>
    public void Delete(StoredRecord record, BsonDocument current)
    {
        foreach (var index in _indexes) index.Remove(KeyExtractor.Keys(current, index.Spec), record.RecordId);
        _natural.Remove(record.RecordId);
    }

    /// <summary>Builds an index over existing documents; a unique violation leaves nothing behind.</summary>
    public void AddIndex(IndexSpec spec)
    {
        var tree = new IndexTree(spec);
        foreach (var record in _natural.Values)
        {
            var keys = KeyExtractor.Keys(record.Document, spec);
            CheckUnique(tree, keys, record.RecordId);
            tree.Add(keys, record.RecordId);
        }

        _indexes.Add(tree);
    }

    public bool DropIndex(string name) => _indexes.RemoveAll(i => i.Spec.Name == name && !i.Spec.IsIdIndex) > 0;

    private List<BsonValue[]>?[] KeysOf(BsonDocument document)
    {
        var keys = new List<BsonValue[]>?[_indexes.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = KeyExtractor.Keys(document, _indexes[i].Spec);
        return keys;
    }

    private void CheckUnique(IndexTree index, List<BsonValue[]>? keys, long self)
    {
        if (!index.Spec.Unique && !index.Spec.IsIdIndex) return;
        foreach (var key in keys ?? [])
        {
            if (index.FindConflict(key, self) is not null) throw DuplicateKey.Error(this, index.Spec, key);
        }
    }

    private static bool SameKeys(List<BsonValue[]>? a, List<BsonValue[]>? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Count != b.Count) return false;
        for (var k = 0; k < a.Count; k++)
        {
            if (a[k].Length != b[k].Length) return false;
            for (var f = 0; f < a[k].Length; f++)
            {
                // Equal under the index order and of the same type: the stored entry stays valid as it is.
                if (a[k][f].BsonType != b[k][f].BsonType || BsonOrder.Compare(a[k][f], b[k][f]) != 0) return false;
            }
        }

        return true;
    }

    private IEnumerable<StoredRecord> Candidates(QueryFilter? filter)
    {
        if (filter is null) return _natural.Values;
        foreach (var (path, value) in filter.Equalities)
        {
            if (value is BsonArray or BsonRegularExpression) continue;
            var index = _indexes.FirstOrDefault(i => CanServe(i, filter) && i.Spec.Fields[0] == path);
            if (index is not null) return Lookup(index.Scan(value, value));
        }

        foreach (var index in _indexes)
        {
            if (CanServe(index, filter) && filter.TryGetBounds(index.Spec.Fields[0], out var bounds))
            {
                return Lookup(index.Scan(bounds.Lower, bounds.Upper));
            }
        }

        return _natural.Values;
    }

    /// <summary>
    /// An index holding every document serves any query; a partial one only queries that select nothing outside
    /// its filter (as MongoDB decides).
    /// </summary>
    private static bool CanServe(IndexTree index, QueryFilter filter) =>
        index.CanServeQueries
        || (!index.Spec.Sparse && index.Spec.PartialFilter is { } partial && filter.Implies(partial));

    private List<StoredRecord> Lookup(IEnumerable<long> recordIds, int limit = int.MaxValue)
    {
        // Multikey indexes yield a record once per matching element; report it once.
        var seen = new HashSet<long>();
        var records = new List<StoredRecord>();
        foreach (var id in recordIds)
        {
            if (records.Count >= limit) break;
            if (seen.Add(id)) records.Add(_natural[id]);
        }

        return records;
    }
}

/// <summary>A record and the decoded document a query matched it on (a private copy).</summary>
internal readonly record struct Match(StoredRecord Record, BsonDocument Document);
