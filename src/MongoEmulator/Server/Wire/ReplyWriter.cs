using System.Buffers.Binary;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace HaScheduler.MongoEmulator.Server.Wire;

/// <summary>Encodes replies into a reusable per-connection buffer (OP_MSG, or OP_REPLY for OP_QUERY).</summary>
internal sealed class ReplyWriter
{
    private static readonly BsonBinaryWriterSettings WriterSettings = new()
    {
        MaxDocumentSize = WireConstants.MaxMessageSize,
        MaxSerializationDepth = WrapperBson.MaxDepth,
    };

    private static int _nextRequestId;
    private readonly MemoryStream _buffer = new(4096);

    /// <summary>Encodes the reply and returns the frame; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Encode(BsonDocument reply, int responseTo, bool legacy)
    {
        _buffer.SetLength(0);
        var headerAndPrefix = legacy ? WireConstants.HeaderLength + 20 : WireConstants.HeaderLength + 5;
        _buffer.Write(new byte[headerAndPrefix]);
        using (var writer = new BsonBinaryWriter(_buffer, WriterSettings))
        {
            BsonDocumentSerializer.Instance.Serialize(BsonSerializationContext.CreateRoot(writer), reply);
        }

        var frame = _buffer.GetBuffer().AsSpan(0, (int)_buffer.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame[4..], Interlocked.Increment(ref _nextRequestId));
        BinaryPrimitives.WriteInt32LittleEndian(frame[8..], responseTo);
        if (legacy)
        {
            BinaryPrimitives.WriteInt32LittleEndian(frame[12..], WireConstants.OpReply);
            BinaryPrimitives.WriteInt32LittleEndian(frame[16..], 8); // AwaitCapable, as real servers do.
            BinaryPrimitives.WriteInt64LittleEndian(frame[20..], 0);
            BinaryPrimitives.WriteInt32LittleEndian(frame[28..], 0);
            BinaryPrimitives.WriteInt32LittleEndian(frame[32..], 1);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(frame[12..], WireConstants.OpMsg);
            BinaryPrimitives.WriteUInt32LittleEndian(frame[16..], 0); // Never checksumPresent: the driver rejects it.
            frame[20] = 0;
        }

        if (_buffer.Capacity > 4 * 1024 * 1024 && frame.Length < 64 * 1024)
        {
            // Shrink after a huge reply so idle connections do not pin tens of megabytes.
            var copy = frame.ToArray();
            _buffer.SetLength(0);
            _buffer.Capacity = 4096;
            return copy;
        }

        return _buffer.GetBuffer().AsMemory(0, frame.Length);
    }
}
