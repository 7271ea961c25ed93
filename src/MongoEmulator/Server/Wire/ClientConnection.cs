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
    private const int ReceiveBufferSize = 16 * 1024;
    private readonly ReplyWriter _writer = new();

    public int Id { get; } = id;

    public async Task RunAsync()
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var token = _closing.Token;
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        int start = 0, end = 0;
        try
        {
            while (!token.IsCancellationRequested)
            {
                // One receive usually brings a whole request (header and body): half the syscalls of
                // reading the header and then the body.
                (buffer, start, end) = Compact(buffer, start, end, WireConstants.HeaderLength);
                end = await FillAsync(stream, buffer, end, start + WireConstants.HeaderLength, token);
                if (end < 0) return;
                var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
                if (length < WireConstants.HeaderLength + 5 || length > WireConstants.MaxMessageSize) return;
                (buffer, start, end) = Compact(buffer, start, end, length);
                end = await FillAsync(stream, buffer, end, start + length, token);
                if (end < 0) return;
                WireRequest request;
                try
                {
                    request = MessageParser.Parse(buffer.AsSpan(start, length));
                }
                catch (Exception error) when (error is ProtocolException or FormatException or IOException
                    or System.Text.DecoderFallbackException or MongoDB.Bson.BsonSerializationException
                    or EndOfStreamException or ArgumentException)
                {
                    return;
                }

                start += length;
                if (start == end)
                {
                    start = end = 0;
                    if (buffer.Length > ReceiveBufferSize)
                    {
                        // Give back the space of a huge request so idle connections stay small.
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
                    }
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
            ArrayPool<byte>.Shared.Return(buffer);
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

    /// <summary>
    /// Makes room for <paramref name="needed"/> bytes from <paramref name="start"/>: moves unread bytes to
    /// the front, or into a larger pooled buffer when the request does not fit.
    /// </summary>
    private static (byte[] Buffer, int Start, int End) Compact(byte[] buffer, int start, int end, int needed)
    {
        if (start + needed <= buffer.Length) return (buffer, start, end);
        var target = needed <= buffer.Length ? buffer : ArrayPool<byte>.Shared.Rent(needed);
        Buffer.BlockCopy(buffer, start, target, 0, end - start);
        if (!ReferenceEquals(target, buffer)) ArrayPool<byte>.Shared.Return(buffer);
        return (target, 0, end - start);
    }

    /// <summary>Receives until <paramref name="until"/> bytes are buffered; new end, or -1 at EOF.</summary>
    private static async ValueTask<int> FillAsync(NetworkStream stream, byte[] buffer, int end, int until,
        CancellationToken token)
    {
        while (end < until)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(end), token);
            if (n == 0) return -1;
            end += n;
        }

        return end;
    }
}
