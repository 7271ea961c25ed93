namespace HaScheduler.Node.Storage;

/// <summary>
/// Schedule ids: <c>sch_</c> + 26 lower-case Crockford base32 characters of a GUID v7 (big-endian),
/// so ids sort by creation time. Within one process ids are strictly increasing, even within one
/// millisecond, because the random tail of a repeated timestamp is replaced by the previous id + 1.
/// </summary>
public static class ScheduleIds
{
    public const string Prefix = "sch_";

    private static readonly Lock Gate = new();
    private static UInt128 last;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!Guid.CreateVersion7().TryWriteBytes(bytes, bigEndian: true, out _))
        {
            throw new InvalidOperationException("A GUID always writes 16 bytes.");
        }

        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
        lock (Gate)
        {
            // Same millisecond (or a clock step back): keep order by counting up from the last id.
            value = value > last ? value : last + 1;
            last = value;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return Prefix + CrockfordBase32.Encode(bytes);
    }

    /// <summary>True when <paramref name="id"/> has the shape of a schedule id (cheap input check).</summary>
    public static bool IsWellFormed(string? id) =>
        id is not null && id.StartsWith(Prefix, StringComparison.Ordinal)
        && CrockfordBase32.IsEncoding(id.AsSpan(Prefix.Length));
}
