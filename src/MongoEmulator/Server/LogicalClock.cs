using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server;

/// <summary>
/// Strictly increasing BSON timestamps (unix seconds, counter). It has its own small lock because
/// error replies read it without holding the global write lock.
/// </summary>
internal sealed class LogicalClock
{
    private readonly Lock _gate = new();
    private long _seconds;
    private long _increment;

    public LogicalClock()
    {
        _seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    public BsonTimestamp Current
    {
        get
        {
            lock (_gate)
            {
                return new BsonTimestamp((int)_seconds, (int)_increment);
            }
        }
    }

    public BsonTimestamp Tick()
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (now > _seconds)
            {
                _seconds = now;
                _increment = 1;
            }
            else
            {
                _increment++;
            }

            return new BsonTimestamp((int)_seconds, (int)_increment);
        }
    }

    /// <summary>Moves the clock forward (journal replay) so it never goes backwards across restarts.</summary>
    public void AdvanceTo(BsonTimestamp timestamp)
    {
        lock (_gate)
        {
            if (Compare(timestamp, _seconds, _increment) > 0)
            {
                _seconds = timestamp.Timestamp;
                _increment = timestamp.Increment;
            }
        }
    }

    /// <summary>The smallest timestamp after <paramref name="timestamp"/>.</summary>
    public static BsonTimestamp Next(BsonTimestamp timestamp) =>
        new(timestamp.Timestamp, timestamp.Increment + 1);

    public static int Compare(BsonTimestamp a, BsonTimestamp b) =>
        Compare(a, (uint)b.Timestamp, (uint)b.Increment);

    private static int Compare(BsonTimestamp a, long seconds, long increment)
    {
        var bySeconds = ((long)(uint)a.Timestamp).CompareTo(seconds);
        return bySeconds != 0 ? bySeconds : ((long)(uint)a.Increment).CompareTo(increment);
    }
}
