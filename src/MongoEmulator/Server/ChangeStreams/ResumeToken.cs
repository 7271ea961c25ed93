using System.Globalization;
using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// Our resume token: fixed-width uppercase hex of (seconds, increment, kind, invalidate) so that
/// ordinal string order equals event order, and a high-water mark sorts before an event at the
/// same cluster time (it means "everything at or after this time").
/// </summary>
internal readonly record struct ResumeToken(BsonTimestamp ClusterTime, bool IsEvent, bool IsInvalidate)
{
    private const int HexLength = 20;

    public static ResumeToken HighWaterMark(BsonTimestamp time) => new(time, false, false);

    public static ResumeToken ForEvent(BsonTimestamp time, bool invalidate = false) => new(time, true, invalidate);

    public BsonDocument ToDocument() => new("_data", Encode());

    public string Encode() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(uint)ClusterTime.Timestamp:X8}{(uint)ClusterTime.Increment:X8}"
            + $"{(IsEvent ? 1 : 0):X2}{(IsInvalidate ? 1 : 0):X2}");

    /// <summary>Parses a token this server produced; anything else is InvalidResumeToken (260).</summary>
    public static ResumeToken Parse(BsonValue value)
    {
        if (value is not BsonDocument document || !document.TryGetValue("_data", out var data)
            || data is not BsonString text || text.Value.Length != HexLength)
        {
            throw Invalid();
        }

        var hex = text.Value;
        if (!uint.TryParse(hex[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var seconds)
            || !uint.TryParse(hex[8..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var increment)
            || hex[16..18] is not ("00" or "01") || hex[18..20] is not ("00" or "01"))
        {
            throw Invalid();
        }

        return new ResumeToken(
            new BsonTimestamp((int)seconds, (int)increment), hex[16..18] == "01", hex[18..20] == "01");
    }

    private static MongoCommandError Invalid() =>
        new(260, "InvalidResumeToken", "resume token was not produced by this server");
}
