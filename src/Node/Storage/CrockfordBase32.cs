namespace HaScheduler.Node.Storage;

/// <summary>
/// Lower-case Crockford base32 of 16 bytes as 26 characters. The alphabet is in ASCII order, so the
/// text sorts exactly like the big-endian bytes: that is what makes schedule ids sort by creation.
/// </summary>
internal static class CrockfordBase32
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string Encode(ReadOnlySpan<byte> bytes16)
    {
        if (bytes16.Length != 16)
        {
            throw new ArgumentException("Expected 16 bytes.", nameof(bytes16));
        }

        // 128 bits in 26 groups of 5 = 130 bits: two leading zero bits, as in ULID.
        var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes16);
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes16[8..]);
        var value = ((UInt128)high << 64) | low;
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    public static bool IsEncoding(ReadOnlySpan<char> text) =>
        text.Length == 26 && text[0] <= '7' && !text.ContainsAnyExcept(Alphabet);
}
