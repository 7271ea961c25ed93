using System.Runtime.InteropServices;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;

namespace HaScheduler.MongoEmulator.Server;

/// <summary>
/// Encoding for what the server builds around stored documents: journal records, change-event descriptions and
/// replies. A stored document may already be nested as deep as MongoDB allows (100 levels, the BSON library's
/// default limit, which <see cref="Storage.StoredRecord.Encode"/> keeps), so whatever wraps it is written with
/// room for the wrapping.
/// </summary>
internal static class WrapperBson
{
    public const int MaxDepth = 200;

    public static readonly BsonBinaryWriterSettings Settings = new() { MaxSerializationDepth = MaxDepth };

    public static byte[] Encode(BsonDocument document) => document.ToBson(writerSettings: Settings);

    /// <summary>Decodes one BSON document held in (a slice of) an array.</summary>
    public static BsonDocument Decode(ReadOnlyMemory<byte> bytes)
    {
        if (!MemoryMarshal.TryGetArray(bytes, out var segment)) segment = new ArraySegment<byte>(bytes.ToArray());
        using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        return BsonSerializer.Deserialize<BsonDocument>(stream);
    }
}
