using System.Buffers.Binary;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>
/// Append-only journal of committed writes: each record is [int32 length][uint32 CRC-32][BSON].
/// Records are written under the global lock and flushed to the OS once per command (group commit),
/// which survives a process crash; a torn or corrupt tail is truncated on load, never fatal.
/// </summary>
internal sealed class Journal : IDisposable
{
    private const string FileName = "journal.bin";
    private const int MaxRecord = 64 * 1024 * 1024;
    private readonly FileStream _file;
    private bool _dirty;

    private Journal(FileStream file)
    {
        _file = file;
    }

    /// <summary>Opens (creating) the journal, feeding every intact record to <paramref name="replay"/>.</summary>
    public static Journal Open(string directory, Action<BsonDocument> replay)
    {
        Directory.CreateDirectory(directory);
        var file = new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite,
            FileShare.Read, 1 << 16);
        var good = ReadAll(file, replay);
        if (good != file.Length) file.SetLength(good);
        file.Seek(good, SeekOrigin.Begin);
        return new Journal(file);
    }

    public void Append(BsonDocument record)
    {
        var payload = WrapperBson.Encode(record);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.Compute(payload));
        _file.Write(header);
        _file.Write(payload);
        _dirty = true;
    }

    public void Flush()
    {
        if (!_dirty) return;
        _file.Flush(false);
        _dirty = false;
    }

    public void Dispose()
    {
        Flush();
        _file.Dispose();
    }

    private static long ReadAll(FileStream file, Action<BsonDocument> replay)
    {
        var header = new byte[8];
        long good = 0;
        file.Seek(0, SeekOrigin.Begin);
        while (true)
        {
            if (file.ReadAtLeast(header, 8, false) < 8) return good;
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (length < 5 || length > MaxRecord || good + 8 + length > file.Length) return good;
            var payload = new byte[length];
            if (file.ReadAtLeast(payload, length, false) < length || Crc32.Compute(payload) != crc) return good;
            BsonDocument record;
            try
            {
                Wire.BsonStructureValidator.Validate(payload);
                record = BsonSerializer.Deserialize<BsonDocument>(payload);
            }
            catch (Exception)
            {
                return good;
            }

            replay(record);
            good += 8 + length;
        }
    }
}
