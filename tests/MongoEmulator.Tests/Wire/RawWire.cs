using System.Buffers.Binary;
using System.Net.Sockets;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Tests.Wire;

/// <summary>Hand-built frames for wire-level tests (the driver cannot send malformed messages).</summary>
internal static class RawWire
{
    public static byte[] OpMsg(BsonDocument body, int requestId = 1, uint flags = 0)
    {
        var bson = body.ToBson();
        var frame = new byte[21 + bson.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), requestId);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), 2013);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(16), flags);
        bson.CopyTo(frame, 21);
        return frame;
    }

    /// <summary>Sends a frame; returns the reply document, or null when the server closed the socket.</summary>
    public static async Task<BsonDocument?> SendAsync(int port, byte[] frame, CancellationToken token)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, token);
        var stream = client.GetStream();
        await stream.WriteAsync(frame, token);
        return await ReadReplyAsync(stream, token);
    }

    public static async Task<BsonDocument?> ReadReplyAsync(NetworkStream stream, CancellationToken token)
    {
        var header = new byte[16];
        if (!await ReadAsync(stream, header, token)) return null;
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var rest = new byte[length - 16];
        if (!await ReadAsync(stream, rest, token)) return null;
        var offset = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)) == 1 ? 20 : 5;
        return MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonDocument>(rest.AsSpan(offset).ToArray());
    }

    private static async Task<bool> ReadAsync(NetworkStream stream, byte[] buffer, CancellationToken token)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            try
            {
                n = await stream.ReadAsync(buffer.AsMemory(read), token);
            }
            catch (IOException)
            {
                return false;
            }

            if (n == 0) return false;
            read += n;
        }

        return true;
    }
}
