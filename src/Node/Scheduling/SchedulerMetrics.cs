namespace HaScheduler.Node.Scheduling;

/// <summary>
/// Counters shared by the scheduler and its children. Children update them directly (thread-safe, lock-free)
/// instead of messaging the parent on every fire, which would put 10k messages/s through one mailbox.
/// </summary>
public sealed class SchedulerMetrics(TimeProvider clock)
{
    private const int Buckets = 60;
    private readonly long[] _firedPerSecond = new long[Buckets];
    private readonly long[] _bucketSecond = new long[Buckets];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _pending = new();
    private long _skipped;

    public long Skipped => Interlocked.Read(ref _skipped);

    public void RecordFired()
    {
        var second = clock.GetUtcNow().ToUnixTimeSeconds();
        var index = (int)(second % Buckets);
        var owner = Interlocked.Exchange(ref _bucketSecond[index], second);
        if (owner != second)
        {
            // A bucket from a previous minute is reused: start it from zero. A concurrent increment between the
            // exchange and this write may be lost; the figure is a gauge for operators, not an accounting record.
            Interlocked.Exchange(ref _firedPerSecond[index], 0);
        }

        Interlocked.Increment(ref _firedPerSecond[index]);
    }

    public void RecordSkipped(int count) => Interlocked.Add(ref _skipped, count);

    /// <summary>Records the oldest due-but-unclaimed occurrence of a schedule (null: nothing pending).</summary>
    public void SetPending(string scheduleId, DateTimeOffset? since)
    {
        if (since is null)
        {
            _pending.TryRemove(scheduleId, out _);
        }
        else
        {
            _pending[scheduleId] = since.Value;
        }
    }

    /// <summary>The oldest due occurrence not yet claimed across all schedules (claims lag).</summary>
    public DateTimeOffset? OldestPending()
    {
        DateTimeOffset? oldest = null;
        foreach (var since in _pending.Values)
        {
            if (oldest is null || since < oldest)
            {
                oldest = since;
            }
        }

        return oldest;
    }

    public int FiredLastMinute()
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        long total = 0;
        for (var i = 0; i < Buckets; i++)
        {
            if (now - Interlocked.Read(ref _bucketSecond[i]) < Buckets)
            {
                total += Interlocked.Read(ref _firedPerSecond[i]);
            }
        }

        return (int)total;
    }
}
