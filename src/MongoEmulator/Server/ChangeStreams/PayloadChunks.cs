namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// Append-only storage for the change history's documents: each is copied into the chunk being filled, so a
/// thousand events share one object instead of holding one each. A chunk lives as long as an event points into it.
/// </summary>
internal sealed class PayloadChunks
{
    /// <summary>Below the large-object threshold, so a chunk is collected young like everything else.</summary>
    private const int ChunkSize = 64 * 1024;

    private byte[]? _current;
    private int _used;

    /// <summary>A copy of <paramref name="bytes"/> in the current chunk; empty stays empty.</summary>
    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return default;
        if (_current is null || _used + bytes.Length > _current.Length)
        {
            _current = new byte[Math.Max(ChunkSize, bytes.Length)];
            _used = 0;
        }

        var slice = _current.AsMemory(_used, bytes.Length);
        bytes.CopyTo(slice.Span);
        _used += bytes.Length;
        return slice;
    }

    public void Clear()
    {
        _current = null;
        _used = 0;
    }
}
