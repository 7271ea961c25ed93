using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using MongoDB.Bson;

namespace HaScheduler.EmulatorBench;

/// <summary>
/// A pre-encoded OP_MSG request (flagBits 0, one kind-0 section holding the command). Only the
/// requestID and the marked varying values are patched between sends.
/// </summary>
public sealed class RawCommand
{
    private const int HeaderLength = 16;
    public const int OpMsg = 2013;

    private RawCommand(byte[] frame) => Frame = frame;

    public byte[] Frame { get; }

    /// <summary>
    /// Encodes <paramref name="command"/> with <see cref="BsonExtensionMethods.ToBson{T}(T)"/>. The varying
    /// values must be given as placeholders (int32 or int64) that occur exactly once in the encoding;
    /// their byte offsets in the frame are returned in the same order.
    /// </summary>
    public static RawCommand Encode(BsonDocument command, out int[] offsets, params BsonValue[] placeholders)
    {
        var body = command.ToBson();
        var frame = new byte[HeaderLength + 4 + 1 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), OpMsg);
        // requestID (4) and responseTo (8) are zero here; flagBits (16) stay 0; section kind 0 at 20.
        body.CopyTo(frame, HeaderLength + 5);
        offsets = new int[placeholders.Length];
        for (var i = 0; i < placeholders.Length; i++)
        {
            var pattern = placeholders[i] switch
            {
                BsonInt32 v => BitConverter.GetBytes(v.Value),
                BsonInt64 v => BitConverter.GetBytes(v.Value),
                _ => throw new ArgumentException("placeholders must be int32 or int64", nameof(placeholders)),
            };
            var at = frame.AsSpan().IndexOf(pattern);
            if (at < 0 || frame.AsSpan().LastIndexOf(pattern) != at)
            {
                throw new ArgumentException($"placeholder {placeholders[i]} must occur exactly once");
            }

            offsets[i] = at;
        }

        return new RawCommand(frame);
    }

    public void PatchInt32(int offset, int value) =>
        BinaryPrimitives.WriteInt32LittleEndian(Frame.AsSpan(offset), value);

    public void PatchInt64(int offset, long value) =>
        BinaryPrimitives.WriteInt64LittleEndian(Frame.AsSpan(offset), value);
}

/// <summary>
/// One blocking TCP connection doing strict request/reply round trips of pre-encoded OP_MSG frames.
/// No handshake: the emulator accepts OP_MSG commands on a fresh connection.
/// </summary>
public sealed class RawConnection : IDisposable
{
    private const int HeaderLength = 16;
    private const int MaxReply = 48_000_000;
    private readonly Socket _socket;
    private byte[] _reply = new byte[64 * 1024];
    private int _requestId;

    private RawConnection(Socket socket) => _socket = socket;

    public static RawConnection Connect(IPEndPoint endpoint, TimeSpan timeout)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)timeout.TotalMilliseconds,
            SendTimeout = (int)timeout.TotalMilliseconds,
        };
        try
        {
            socket.Connect(endpoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RawConnection(socket);
    }

    /// <summary>
    /// Sends the frame with a fresh requestID and returns the reply's body document (valid until the next
    /// call). Framing errors (wrong responseTo, opcode, flags or section) throw: the connection is unusable.
    /// </summary>
    public ReadOnlySpan<byte> RoundTrip(RawCommand command)
    {
        var frame = command.Frame;
        var requestId = ++_requestId;
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), requestId);
        var sent = 0;
        while (sent < frame.Length) sent += _socket.Send(frame, sent, frame.Length - sent, SocketFlags.None);

        ReceiveExactly(0, HeaderLength);
        var length = BinaryPrimitives.ReadInt32LittleEndian(_reply);
        if (length < HeaderLength + 5 + 5 || length > MaxReply) throw Protocol($"reply length {length}");
        if (length > _reply.Length) Array.Resize(ref _reply, length);
        ReceiveExactly(HeaderLength, length);
        var reply = _reply.AsSpan(0, length);
        var responseTo = BinaryPrimitives.ReadInt32LittleEndian(reply[8..]);
        var opCode = BinaryPrimitives.ReadInt32LittleEndian(reply[12..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(reply[16..]);
        if (responseTo != requestId) throw Protocol($"responseTo {responseTo}, expected {requestId}");
        if (opCode != RawCommand.OpMsg) throw Protocol($"reply opCode {opCode}");
        if (flags != 0 || reply[20] != 0) throw Protocol($"reply flagBits {flags}, section kind {reply[20]}");
        var body = reply[21..];
        var size = BinaryPrimitives.ReadInt32LittleEndian(body);
        if (size != body.Length) throw Protocol($"reply document size {size}, section {body.Length}");
        return body;
    }

    public void Dispose() => _socket.Dispose();

    private void ReceiveExactly(int from, int to)
    {
        while (from < to)
        {
            var n = _socket.Receive(_reply, from, to - from, SocketFlags.None);
            if (n == 0) throw new IOException("server closed the connection");
            from += n;
        }
    }

    private static IOException Protocol(string message) => new($"wire protocol: {message}");
}

/// <summary>
/// Just enough BSON reading to check a reply: finds top-level elements by name and reads numbers,
/// without deserializing the document.
/// </summary>
public static class RawBson
{
    public const byte Double = 0x01;
    public const byte Document = 0x03;
    public const byte Array = 0x04;
    public const byte Int32 = 0x10;
    public const byte Int64 = 0x12;

    /// <summary>The value bytes of the top-level element <paramref name="name"/>, or false.</summary>
    public static bool TryGet(ReadOnlySpan<byte> document, ReadOnlySpan<byte> name, out byte type,
        out ReadOnlySpan<byte> value)
    {
        var end = BinaryPrimitives.ReadInt32LittleEndian(document) - 1;
        var pos = 4;
        while (pos < end)
        {
            type = document[pos++];
            var nameLength = document[pos..].IndexOf((byte)0);
            if (nameLength < 0) throw new FormatException("unterminated element name");
            var matches = document.Slice(pos, nameLength).SequenceEqual(name);
            pos += nameLength + 1;
            var size = ValueSize(type, document[pos..]);
            if (matches)
            {
                value = document.Slice(pos, size);
                return true;
            }

            pos += size;
        }

        type = 0;
        value = default;
        return false;
    }

    /// <summary>A numeric element's value, or NaN when it is missing or not a number.</summary>
    public static double Number(ReadOnlySpan<byte> document, ReadOnlySpan<byte> name)
    {
        if (!TryGet(document, name, out var type, out var value)) return double.NaN;
        return type switch
        {
            Double => BinaryPrimitives.ReadDoubleLittleEndian(value),
            Int32 => BinaryPrimitives.ReadInt32LittleEndian(value),
            Int64 => BinaryPrimitives.ReadInt64LittleEndian(value),
            _ => double.NaN,
        };
    }

    /// <summary>Number of elements in a document or array value.</summary>
    public static int Count(ReadOnlySpan<byte> document)
    {
        var end = BinaryPrimitives.ReadInt32LittleEndian(document) - 1;
        var pos = 4;
        var count = 0;
        while (pos < end)
        {
            var type = document[pos++];
            var nameLength = document[pos..].IndexOf((byte)0);
            if (nameLength < 0) throw new FormatException("unterminated element name");
            pos += nameLength + 1;
            pos += ValueSize(type, document[pos..]);
            count++;
        }

        return count;
    }

    private static int ValueSize(byte type, ReadOnlySpan<byte> value) => type switch
    {
        0x01 or 0x09 or 0x11 or 0x12 => 8, // double, UTC datetime, timestamp, int64
        0x02 or 0x0D or 0x0E => 4 + BinaryPrimitives.ReadInt32LittleEndian(value), // string, code, symbol
        0x03 or 0x04 or 0x0F => BinaryPrimitives.ReadInt32LittleEndian(value), // document, array, code_w_s
        0x05 => 4 + 1 + BinaryPrimitives.ReadInt32LittleEndian(value), // binary
        0x06 or 0x0A or 0x7F or 0xFF => 0, // undefined, null, maxKey, minKey
        0x07 => 12, // ObjectId
        0x08 => 1, // boolean
        0x0B => CStringSize(value) + CStringSize(value[CStringSize(value)..]), // regex
        0x0C => 4 + BinaryPrimitives.ReadInt32LittleEndian(value) + 12, // DBPointer
        0x10 => 4, // int32
        0x13 => 16, // decimal128
        _ => throw new FormatException($"unknown BSON type 0x{type:X2}"),
    };

    private static int CStringSize(ReadOnlySpan<byte> value)
    {
        var zero = value.IndexOf((byte)0);
        if (zero < 0) throw new FormatException("unterminated cstring");
        return zero + 1;
    }
}
