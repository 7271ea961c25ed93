namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>Databases and their collections; a database exists while it has a collection.</summary>
internal sealed class Catalog
{
    private readonly SortedDictionary<string, SortedDictionary<string, CollectionStore>> _databases =
        new(StringComparer.Ordinal);

    public IEnumerable<string> DatabaseNames => _databases.Keys;

    public IEnumerable<CollectionStore> AllCollections => _databases.Values.SelectMany(d => d.Values);

    public CollectionStore? Get(string database, string collection) =>
        _databases.TryGetValue(database, out var db) && db.TryGetValue(collection, out var c) ? c : null;

    public IReadOnlyList<CollectionStore> Collections(string database) =>
        _databases.TryGetValue(database, out var db) ? [.. db.Values] : [];

    public CollectionStore Add(string database, string collection, Guid uuid)
    {
        if (!_databases.TryGetValue(database, out var db))
        {
            db = new SortedDictionary<string, CollectionStore>(StringComparer.Ordinal);
            _databases.Add(database, db);
        }

        var store = new CollectionStore(database, collection, uuid);
        db.Add(collection, store);
        return store;
    }

    public bool Remove(string database, string collection)
    {
        if (!_databases.TryGetValue(database, out var db) || !db.Remove(collection)) return false;
        if (db.Count == 0) _databases.Remove(database);
        return true;
    }

    public void Clear() => _databases.Clear();
}
