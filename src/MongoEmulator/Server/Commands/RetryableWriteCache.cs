using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>
/// Replies of recent retryable writes by (lsid, txnNumber), so a retry after a lost reply returns the
/// original outcome instead of re-executing (which would report a spurious DuplicateKey on _id).
/// </summary>
internal sealed class RetryableWriteCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BsonDocument> _replies = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public static string? KeyOf(BsonDocument command)
    {
        if (!command.TryGetValue("txnNumber", out var txn) || !txn.IsNumeric) return null;
        if (!command.TryGetValue("lsid", out var lsid) || lsid is not BsonDocument session) return null;
        if (!session.TryGetValue("id", out var id) || id is not BsonBinaryData binary) return null;
        return Convert.ToHexString(binary.Bytes) + ":" + txn.ToInt64();
    }

    public BsonDocument? Get(string key)
    {
        lock (_gate)
        {
            return _replies.TryGetValue(key, out var reply) ? reply : null;
        }
    }

    public void Put(string key, BsonDocument reply)
    {
        lock (_gate)
        {
            if (!_replies.TryAdd(key, reply)) return;
            _order.Enqueue(key);
            while (_order.Count > capacity) _replies.Remove(_order.Dequeue());
        }
    }
}
