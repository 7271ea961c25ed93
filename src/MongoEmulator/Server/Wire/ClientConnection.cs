using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using HaScheduler.MongoEmulator.Server.Commands;

namespace HaScheduler.MongoEmulator.Server.Wire;

/// <summary>
/// One client socket: a strict request/reply loop. Any framing problem or exception closes only this
/// connection; shared state is touched only through commands, which never leave it half-updated.
/// </summary>
internal sealed class ClientConnection(Socket socket, CommandDispatcher dispatcher, int id) : IDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private readonly ReplyWriter _writer = new();

    public int Id { get; } = id;

    public async Task RunAsync()
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var header = new byte[WireConstants.HeaderLength];
        var token = _closing.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (!await ReadExactAsync(stream, header, token)) return;
                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                if (length < WireConstants.HeaderLength + 5 || length > WireConstants.MaxMessageSize) return;
                var frame = ArrayPool<byte>.Shared.Rent(length);
                WireRequest request;
                try
                {
                    header.CopyTo(frame, 0);
                    if (!await ReadExactAsync(stream, frame.AsMemory(16, length - 16), token)) return;
                    request = MessageParser.Parse(frame.AsSpan(0, length));
                }
                catch (Exception error) when (error is ProtocolException or FormatException or IOException
                    or System.Text.DecoderFallbackException or MongoDB.Bson.BsonSerializationException
                    or EndOfStreamException or ArgumentException)
                {
                    return;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame);
                }

                var result = await dispatcher.ExecuteAsync(request, Id, token);
                if (result.CloseConnection) return;
                if (result.Reply is null) continue;
                var reply = _writer.Encode(result.Reply, request.RequestId, request.IsLegacyQuery);
                await stream.WriteAsync(reply, token);
            }
        }
        catch (Exception)
        {
            // A broken or cancelled connection only ends itself; the server keeps serving others.
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Drops the socket abruptly (fault injection, restart, shutdown).</summary>
    public void Dispose()
    {
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            socket.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static async ValueTask<bool> ReadExactAsync(NetworkStream stream, Memory<byte> buffer,
        CancellationToken token)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[read..], token);
            if (n == 0) return false;
            read += n;
        }

        return true;
    }
}
