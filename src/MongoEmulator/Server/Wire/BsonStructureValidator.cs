using System.Buffers.Binary;

namespace HaScheduler.MongoEmulator.Server.Wire;

/// <summary>
/// Walks raw BSON iteratively before it is deserialized, so that wrong lengths, unknown types and
/// absurd nesting are rejected without recursion (a stack overflow would kill the whole process).
/// </summary>
internal static class BsonStructureValidator
{
    public const int MaxDepth = 200;

    /// <summary>Validates the document starting at <paramref name="data"/>[0]; returns its length.</summary>
    public static int Validate(ReadOnlySpan<byte> data)
    {
        var length = ReadLength(data, 0, data.Length);
        Span<int> ends = stackalloc int[MaxDepth + 1];
        var depth = 0;
        ends[0] = length;
        var pos = 4;
        while (depth >= 0)
        {
            var end = ends[depth];
            if (pos == end - 1)
            {
                if (data[pos] != 0) throw Bad("document not terminated");
                pos++;
                depth--;
                continue;
            }

            if (pos >= end - 1) throw Bad("element overruns its document");
            var type = data[pos++];
            pos = SkipCString(data, pos, end - 1);
            switch (type)
            {
                case 0x01 or 0x09 or 0x11 or 0x12: pos += 8; break;
                case 0x10: pos += 4; break;
                case 0x13: pos += 16; break;
                case 0x07: pos += 12; break;
                case 0x06 or 0x0A or 0x7F or 0xFF: break;
                case 0x08:
                    if (pos >= end - 1 || data[pos] > 1) throw Bad("invalid boolean");
                    pos += 1;
                    break;
                case 0x02 or 0x0D or 0x0E: pos = SkipString(data, pos, end - 1); break;
                case 0x0C: pos = SkipString(data, pos, end - 1) + 12; break;
                case 0x0B: pos = SkipCString(data, SkipCString(data, pos, end - 1), end - 1); break;
                case 0x05:
                    var binLength = ReadInt(data, pos, end - 1);
                    if (binLength < 0) throw Bad("negative binary length");
                    pos += 5 + binLength;
                    break;
                case 0x0F:
                    var total = ReadInt(data, pos, end - 1);
                    if (total < 14) throw Bad("invalid code with scope");
                    pos += total;
                    break;
                case 0x03 or 0x04:
                    var child = ReadLength(data, pos, end - 1);
                    if (++depth > MaxDepth) throw Bad("nesting too deep");
                    ends[depth] = pos + child;
                    pos += 4;
                    break;
                default: throw Bad($"unknown BSON type 0x{type:X2}");
            }

            if (type is not (0x03 or 0x04) && pos > end - 1) throw Bad("element overruns its document");
        }

        return length;
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int pos, int limit)
    {
        var length = ReadInt(data, pos, limit);
        if (length < 5 || pos + length > limit) throw Bad("invalid document length");
        if (data[pos + length - 1] != 0) throw Bad("document not terminated");
        return length;
    }

    private static int ReadInt(ReadOnlySpan<byte> data, int pos, int limit)
    {
        if (pos < 0 || pos + 4 > limit) throw Bad("truncated");
        return BinaryPrimitives.ReadInt32LittleEndian(data.Slice(pos, 4));
    }

    private static int SkipString(ReadOnlySpan<byte> data, int pos, int limit)
    {
        var length = ReadInt(data, pos, limit);
        if (length < 1 || (long)pos + 4 + length > limit) throw Bad("invalid string length");
        if (data[pos + 4 + length - 1] != 0) throw Bad("string not terminated");
        return pos + 4 + length;
    }

    private static int SkipCString(ReadOnlySpan<byte> data, int pos, int limit)
    {
        if (pos >= limit) throw Bad("truncated name");
        var zero = data[pos..limit].IndexOf((byte)0);
        if (zero < 0) throw Bad("unterminated cstring");
        return pos + zero + 1;
    }

    private static ProtocolException Bad(string reason) => new($"invalid BSON: {reason}");
}
