using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>
/// One stored document, held as its BSON bytes. A document object graph costs the GC one object per field and
/// value (and a name dictionary from eight fields on); at thousands of writes a second those graphs, promoted and
/// then replaced, made GC pauses the emulator's limit. Bytes are one object. Every read decodes a private copy,
/// so no reader can see another's changes. A new version of the same length is copied over the old bytes (change
/// events keep copies of their own); writes hold the global lock, and readers decode under it, so none sees a torn
/// version. Updating in place spares the collector a new array and a pointer from an old record to a young one for
/// every such write (a schedule's state document is rewritten at the same length on every occurrence).
/// </summary>
internal sealed class StoredRecord
{
    private byte[] _bytes;

    public StoredRecord(long recordId, BsonDocument document)
    {
        RecordId = recordId;
        Id = document["_id"];
        _bytes = Encode(document);
    }

    public long RecordId { get; }

    /// <summary>The document's <c>_id</c>, which no update may change.</summary>
    public BsonValue Id { get; }

    /// <summary>The current version's BSON, valid until the next write: copy it to keep it.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>A fresh copy of the current version.</summary>
    public BsonDocument Document => WrapperBson.Decode(_bytes);

    /// <summary>Takes a new version encoded by <see cref="Encode"/>.</summary>
    public void Store(byte[] bytes)
    {
        if (bytes.Length == _bytes.Length)
        {
            bytes.CopyTo(_bytes, 0);
            return;
        }

        _bytes = bytes;
    }

    /// <summary>
    /// The document's BSON; a document the encoder refuses (nested deeper than 100 levels, as MongoDB also refuses)
    /// is a command error, raised before anything was changed.
    /// </summary>
    public static byte[] Encode(BsonDocument document)
    {
        try
        {
            return document.ToBson();
        }
        catch (BsonSerializationException e)
        {
            throw new MongoCommandError(15, "Overflow", $"cannot store the document: {e.Message}");
        }
    }
}
