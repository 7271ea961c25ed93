using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// The bounded, totally ordered log of change events. Appends happen under the global lock; waiters
/// await <see cref="WaitHandle"/>, a task swapped on every commit, so a blocked getMore wakes as soon
/// as something is committed without polling.
/// </summary>
internal sealed class ChangeHistory(int limit)
{
    private readonly List<ChangeEvent> _events = [];
    private long _firstSequence;
    private TaskCompletionSource _signal = NewSignal();

    public long NextSequence => _firstSequence + _events.Count;

    /// <summary>Events at or after this time are complete in the history; older ones are lost (286).</summary>
    public BsonTimestamp CompleteSince { get; private set; } = new(0, 0);

    public Task WaitHandle => Volatile.Read(ref _signal).Task;

    public void Reset(BsonTimestamp completeSince)
    {
        _firstSequence = NextSequence;
        _events.Clear();
        CompleteSince = completeSince;
    }

    public void Append(ChangeEvent change)
    {
        _events.Add(change);
        if (_events.Count > limit)
        {
            // Trim in chunks so appends stay amortized O(1).
            var drop = Math.Max(1, Math.Min(_events.Count - limit + limit / 10, _events.Count - 1));
            _events.RemoveRange(0, drop);
            _firstSequence += drop;
            CompleteSince = _events[0].ClusterTime;
        }
    }

    /// <summary>Wakes every waiting getMore; called once per committed command.</summary>
    public void Signal()
    {
        var previous = Interlocked.Exchange(ref _signal, NewSignal());
        previous.TrySetResult();
    }

    public ChangeEvent? At(long sequence)
    {
        var index = sequence - _firstSequence;
        return index >= 0 && index < _events.Count ? _events[(int)index] : null;
    }

    public bool IsLost(long sequence) => sequence < _firstSequence;

    /// <summary>Sequence of the first retained event with cluster time at or after <paramref name="time"/>.</summary>
    public long FirstAtOrAfter(BsonTimestamp time)
    {
        int low = 0, high = _events.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (LogicalClock.Compare(_events[mid].ClusterTime, time) < 0) low = mid + 1;
            else high = mid;
        }

        return _firstSequence + low;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
