namespace HaScheduler.MongoEmulator.Server.Wire;

internal static class WireConstants
{
    public const int OpReply = 1;
    public const int OpQuery = 2004;
    public const int OpCompressed = 2012;
    public const int OpMsg = 2013;

    public const int HeaderLength = 16;
    public const int MaxBsonObjectSize = 16 * 1024 * 1024;
    public const int MaxMessageSize = 48_000_000;
    public const int MaxWriteBatchSize = 100_000;

    /// <summary>Commands may exceed a document by the overhead MongoDB allows for the envelope.</summary>
    public const int MaxCommandSize = MaxBsonObjectSize + 16 * 1024;

    public const uint ChecksumPresent = 1;
    public const uint MoreToCome = 2;

    /// <summary>Bits 2-15 are "required": a request carrying any of them is malformed.</summary>
    public const uint RequiredBitsMask = 0xFFFC;
}
