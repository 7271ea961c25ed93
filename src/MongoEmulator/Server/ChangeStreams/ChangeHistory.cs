using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>
/// The bounded, totally ordered log of change events, a ring of values that grows to its limit and then overwrites
/// the oldest. Their documents are copied into <see cref="PayloadChunks"/>. Appends happen under the global lock;
/// waiters await <see cref="WaitHandle"/>, a task swapped on every commit, so a blocked getMore wakes as soon as
/// something is committed without polling.
/// </summary>
internal sealed class ChangeHistory(int limit)
{
    private readonly PayloadChunks _payloads = new();
    private ChangeEvent[] _ring = new ChangeEvent[Math.Min(limit, 1024)];
    private int _head;
    private int _count;
    private long _firstSequence;
    private TaskCompletionSource _signal = NewSignal();

    public long NextSequence => _firstSequence + _count;

    /// <summary>Events at or after this time are complete in the history; older ones are lost (286).</summary>
    public BsonTimestamp CompleteSince { get; private set; } = new(0, 0);

    public Task WaitHandle => Volatile.Read(ref _signal).Task;

    public void Reset(BsonTimestamp completeSince)
    {
        _firstSequence = NextSequence;
        Array.Clear(_ring);
        _payloads.Clear();
        _head = 0;
        _count = 0;
        CompleteSince = completeSince;
    }

    public void Append(ChangeEvent change)
    {
        change = change with
        {
            DocumentKey = _payloads.Copy(change.DocumentKey.Span),
            FullDocument = _payloads.Copy(change.FullDocument.Span),
            UpdateDescription = _payloads.Copy(change.UpdateDescription.Span),
        };
        if (_count == _ring.Length && _ring.Length < limit)
        {
            Grow();
        }

        if (_count == _ring.Length)
        {
            // Full at the limit: the oldest event is overwritten and its time becomes the edge of the history.
            _ring[_head] = change;
            _head = (_head + 1) % _ring.Length;
            _firstSequence++;
            CompleteSince = Get(0).ClusterTime;
            return;
        }

        _ring[(_head + _count) % _ring.Length] = change;
        _count++;
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
        return index >= 0 && index < _count ? Get((int)index) : null;
    }

    public bool IsLost(long sequence) => sequence < _firstSequence;

    /// <summary>Sequence of the first retained event with cluster time at or after <paramref name="time"/>.</summary>
    public long FirstAtOrAfter(BsonTimestamp time)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (LogicalClock.Compare(Get(mid).ClusterTime, time) < 0) low = mid + 1;
            else high = mid;
        }

        return _firstSequence + low;
    }

    private ChangeEvent Get(int offset) => _ring[(_head + offset) % _ring.Length];

    private void Grow()
    {
        var larger = new ChangeEvent[Math.Min(limit, _ring.Length * 2)];
        for (var i = 0; i < _count; i++) larger[i] = Get(i);
        _ring = larger;
        _head = 0;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
