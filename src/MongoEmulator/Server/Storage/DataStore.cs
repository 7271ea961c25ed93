using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.ChangeStreams;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>
/// The only path by which data changes: applies a mutation to the catalog, gives it a cluster time,
/// records its change event and journals it. Writers hold <see cref="Gate"/> exclusively for the whole
/// command, so writes are serialized and events are in commit order; readers share it.
/// </summary>
internal sealed class DataStore(LogicalClock clock, ChangeHistory history)
{
    public StoreGate Gate { get; } = new();

    public Catalog Catalog { get; } = new();

    public LogicalClock Clock { get; } = clock;

    public ChangeHistory History { get; } = history;

    public Journal? Journal { get; set; }

    /// <summary>Runs a write command under the lock, flushes the journal once, then wakes change streams.</summary>
    public T Write<T>(Func<T> action)
    {
        try
        {
            using (Gate.EnterWrite())
            {
                try
                {
                    return action();
                }
                finally
                {
                    Journal?.Flush();
                }
            }
        }
        finally
        {
            History.Signal();
        }
    }

    public CollectionStore GetOrCreate(string database, string collection)
    {
        var existing = Catalog.Get(database, collection);
        if (existing is not null) return existing;
        ValidateName(database, collection);
        var uuid = Guid.NewGuid();
        Journal?.Append(new BsonDocument { { "op", "create" }, { "db", database }, { "coll", collection },
            { "uuid", new BsonBinaryData(uuid, GuidRepresentation.Standard) }, { "ts", Clock.Tick() } });
        return Catalog.Add(database, collection, uuid);
    }

    public BsonTimestamp Insert(CollectionStore collection, BsonDocument document)
    {
        var record = collection.Insert(document);
        return Commit(collection, "insert", record.Id, record.Bytes, null, Record("put", collection, document));
    }

    /// <summary>
    /// Stores the new version of a record whose current version the caller decoded as <paramref name="previous"/>;
    /// <paramref name="outcome"/> null means a replacement.
    /// </summary>
    public BsonTimestamp Update(CollectionStore collection, StoredRecord record, BsonDocument previous,
        BsonDocument document, UpdateOutcome? outcome)
    {
        // The event's description is encoded before the record changes, so an update is applied with its event.
        var description = outcome is null ? null : WrapperBson.Encode(new BsonDocument
        {
            { "updatedFields", outcome.UpdatedFields },
            { "removedFields", new BsonArray(outcome.RemovedFields) },
            { "truncatedArrays", new BsonArray() },
        });
        collection.Replace(record, previous, document);
        return Commit(collection, outcome is null ? "replace" : "update", record.Id,
            outcome is null ? record.Bytes : default, description, Record("put", collection, document));
    }

    /// <summary>Deletes a record whose current version the caller decoded as <paramref name="current"/>.</summary>
    public BsonTimestamp Delete(CollectionStore collection, StoredRecord record, BsonDocument current)
    {
        collection.Delete(record, current);
        var journal = Record("delete", collection, null);
        journal["id"] = record.Id;
        return Commit(collection, "delete", record.Id, null, null, journal);
    }

    public BsonTimestamp DropCollection(string database, string collection)
    {
        if (!Catalog.Remove(database, collection)) return Clock.Current;
        var time = Clock.Tick();
        Journal?.Append(
            new BsonDocument { { "op", "drop" }, { "db", database }, { "coll", collection }, { "ts", time } });
        History.Append(ChangeEvent.Of(History.NextSequence, time, "drop", database, collection));
        return time;
    }

    public BsonTimestamp DropDatabase(string database)
    {
        foreach (var collection in Catalog.Collections(database)) DropCollection(database, collection.Name);
        var time = Clock.Tick();
        History.Append(ChangeEvent.Of(History.NextSequence, time, "dropDatabase", database, null));
        return time;
    }

    public BsonTimestamp AddIndex(CollectionStore collection, IndexSpec spec)
    {
        collection.AddIndex(spec);
        var journal = Record("index", collection, null);
        journal["spec"] = spec.Raw;
        Journal?.Append(journal);
        return Clock.Tick();
    }

    public BsonTimestamp DropIndex(CollectionStore collection, string name)
    {
        collection.DropIndex(name);
        var journal = Record("dropIndex", collection, null);
        journal["name"] = name;
        Journal?.Append(journal);
        return Clock.Tick();
    }

    /// <summary>Re-applies a journal record at start-up: no events, no journaling.</summary>
    public void Replay(BsonDocument record)
    {
        if (record.TryGetValue("ts", out var ts) && ts is BsonTimestamp time) Clock.AdvanceTo(time);
        string db = record["db"].AsString, coll = record.GetValue("coll", "").AsString;
        var store = Catalog.Get(db, coll);
        switch (record["op"].AsString)
        {
            case "create" when store is null:
                Catalog.Add(db, coll, record["uuid"].AsBsonBinaryData.ToGuid(GuidRepresentation.Standard));
                break;
            case "put" when store is not null:
                var doc = record["doc"].AsBsonDocument;
                var existing = store.FindById(doc["_id"]);
                if (existing is null) store.Insert(doc);
                else store.Replace(existing, existing.Document, doc);
                break;
            case "delete" when store?.FindById(record["id"]) is { } victim:
                store.Delete(victim, victim.Document);
                break;
            case "drop":
                Catalog.Remove(db, coll);
                break;
            case "index" when store is not null:
                store.AddIndex(IndexSpec.From(record["spec"].AsBsonDocument));
                break;
            case "dropIndex" when store is not null:
                store.DropIndex(record["name"].AsString);
                break;
        }
    }

    private BsonDocument Record(string op, CollectionStore collection, BsonDocument? document)
    {
        var record = new BsonDocument { { "op", op }, { "db", collection.Database }, { "coll", collection.Name } };
        if (document is not null) record["doc"] = document;
        return record;
    }

    private BsonTimestamp Commit(CollectionStore collection, string operation, BsonValue id,
        ReadOnlyMemory<byte> fullDocument, byte[]? description, BsonDocument journal)
    {
        var time = Clock.Tick();
        if (Journal is not null)
        {
            journal["ts"] = time;
            Journal.Append(journal);
        }

        History.Append(ChangeEvent.Of(
            History.NextSequence, time, operation, collection.Database, collection.Name, id, fullDocument,
            description));
        return time;
    }

    private static void ValidateName(string database, string collection)
    {
        if (database.Length == 0 || database.IndexOfAny(['/', '\\', '.', ' ', '"', '$', '\0']) >= 0)
        {
            throw new MongoCommandError(73, "InvalidNamespace", $"Invalid database name: '{database}'");
        }

        if (collection.Length == 0 || collection.Contains('$') || collection.Contains('\0'))
        {
            throw new MongoCommandError(73, "InvalidNamespace", $"Invalid collection name: '{collection}'");
        }
    }
}
