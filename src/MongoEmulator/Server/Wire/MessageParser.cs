using System.Buffers.Binary;
using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace HaScheduler.MongoEmulator.Server.Wire;

/// <summary>Decodes OP_MSG and OP_QUERY frames; anything it cannot frame is a ProtocolException.</summary>
internal static class MessageParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static readonly BsonBinaryReaderSettings ReaderSettings = new()
    {
        Encoding = StrictUtf8,
        MaxDocumentSize = WireConstants.MaxMessageSize,
    };

    public static WireRequest Parse(ReadOnlySpan<byte> frame)
    {
        var requestId = BinaryPrimitives.ReadInt32LittleEndian(frame[4..]);
        var opCode = BinaryPrimitives.ReadInt32LittleEndian(frame[12..]);
        return opCode switch
        {
            WireConstants.OpMsg => ParseOpMsg(frame, requestId),
            WireConstants.OpQuery => ParseOpQuery(frame, requestId),
            _ => throw new ProtocolException($"unsupported opCode {opCode}"),
        };
    }

    private static WireRequest ParseOpMsg(ReadOnlySpan<byte> frame, int requestId)
    {
        if (frame.Length < 21) throw new ProtocolException("OP_MSG too short");
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(frame[16..]);
        if ((flags & WireConstants.RequiredBitsMask) != 0) throw new ProtocolException("unknown required flag");
        var end = frame.Length - ((flags & WireConstants.ChecksumPresent) != 0 ? 4 : 0);
        var pos = 20;
        BsonDocument? body = null;
        List<(string Name, BsonArray Docs)>? sequences = null;
        var oversized = false;
        while (pos < end)
        {
            var kind = frame[pos++];
            if (kind == 0)
            {
                if (body is not null) throw new ProtocolException("more than one body section");
                var length = BsonStructureValidator.Validate(frame[pos..end]);
                if (length > WireConstants.MaxCommandSize) throw new ProtocolException("command too large");
                body = Deserialize(frame.Slice(pos, length));
                pos += length;
            }
            else if (kind == 1)
            {
                if (pos + 4 > end) throw new ProtocolException("truncated sequence");
                var size = BinaryPrimitives.ReadInt32LittleEndian(frame[pos..]);
                if (size < 5 || pos + size > end) throw new ProtocolException("invalid sequence size");
                var sectionEnd = pos + size;
                var zero = frame[(pos + 4)..sectionEnd].IndexOf((byte)0);
                if (zero < 0) throw new ProtocolException("unterminated sequence identifier");
                var name = StrictUtf8.GetString(frame.Slice(pos + 4, zero));
                pos += 4 + zero + 1;
                var docs = new BsonArray();
                var sequence = new SequenceReader(frame[pos..sectionEnd]);
                while (pos < sectionEnd)
                {
                    var length = BsonStructureValidator.Validate(frame[pos..sectionEnd]);
                    oversized |= length > WireConstants.MaxBsonObjectSize;
                    docs.Add(sequence.Next(length));
                    pos += length;
                }

                sequences ??= [];
                if (sequences.Exists(s => s.Name == name)) throw new ProtocolException("duplicate sequence");
                sequences.Add((name, docs));
            }
            else
            {
                throw new ProtocolException($"unknown section kind {kind}");
            }
        }

        if (body is null) throw new ProtocolException("OP_MSG without body");
        foreach (var (name, docs) in sequences ?? [])
        {
            if (body.Contains(name)) throw new ProtocolException("sequence duplicates a body field");
            body[name] = docs;
        }

        var database = body.TryGetValue("$db", out var db) && db.IsString ? db.AsString : "admin";
        var moreToCome = (flags & WireConstants.MoreToCome) != 0;
        return new WireRequest(requestId, WireConstants.OpMsg, body, database, moreToCome, oversized);
    }

    private static WireRequest ParseOpQuery(ReadOnlySpan<byte> frame, int requestId)
    {
        var pos = 20;
        var zero = frame[pos..].IndexOf((byte)0);
        if (zero < 0) throw new ProtocolException("unterminated collection name");
        var fullName = StrictUtf8.GetString(frame.Slice(pos, zero));
        pos += zero + 1 + 8;
        if (pos >= frame.Length) throw new ProtocolException("OP_QUERY too short");
        var length = BsonStructureValidator.Validate(frame[pos..]);
        var query = Deserialize(frame.Slice(pos, length));
        pos += length;
        if (pos < frame.Length) BsonStructureValidator.Validate(frame[pos..]);
        if (query.TryGetValue("$query", out var wrapped) && wrapped.IsBsonDocument) query = wrapped.AsBsonDocument;
        var dot = fullName.IndexOf('.');
        var database = dot > 0 ? fullName[..dot] : fullName;
        return new WireRequest(requestId, WireConstants.OpQuery, query, database, false, false);
    }

    private static BsonDocument Deserialize(ReadOnlySpan<byte> bytes)
    {
        // The span is copied because BsonBinaryReader needs a Stream; the frame buffer is pooled.
        using var stream = new MemoryStream(bytes.ToArray(), false);
        using var reader = new BsonBinaryReader(stream, ReaderSettings);
        var context = BsonDeserializationContext.CreateRoot(reader);
        return BsonDocumentSerializer.Instance.Deserialize(context);
    }

    /// <summary>
    /// Decodes a document sequence (an insert's documents, an update's statements) with one copy of the section and
    /// one reader for all of its documents, instead of both per document: bulk commands carry a thousand of them.
    /// </summary>
    private sealed class SequenceReader
    {
        private readonly MemoryStream _stream;
        private readonly BsonBinaryReader _reader;
        private readonly BsonDeserializationContext _context;

        public SequenceReader(ReadOnlySpan<byte> section)
        {
            _stream = new MemoryStream(section.ToArray(), false);
            _reader = new BsonBinaryReader(_stream, ReaderSettings);
            _context = BsonDeserializationContext.CreateRoot(_reader);
        }

        /// <summary>The next document, which the structure check measured at <paramref name="length"/> bytes.</summary>
        public BsonDocument Next(int length)
        {
            var start = _stream.Position;
            var document = BsonDocumentSerializer.Instance.Deserialize(_context);
            if (_stream.Position - start != length) throw new ProtocolException("document length mismatch in sequence");
            return document;
        }
    }
}
