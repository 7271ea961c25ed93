using System.Collections.Concurrent;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>Live cursors by id; idle ones are reaped by the background monitor.</summary>
internal sealed class CursorRegistry
{
    private readonly ConcurrentDictionary<long, ServerCursor> _cursors = new();

    public int Count => _cursors.Count;

    public long NewId()
    {
        while (true)
        {
            var id = Random.Shared.NextInt64(1, long.MaxValue);
            if (!_cursors.ContainsKey(id)) return id;
        }
    }

    public void Add(ServerCursor cursor) => _cursors[cursor.Id] = cursor;

    public ServerCursor? Get(long id) => _cursors.TryGetValue(id, out var cursor) ? cursor : null;

    public bool Remove(long id) => _cursors.TryRemove(id, out _);

    public void Clear() => _cursors.Clear();

    public void ReapIdle(TimeSpan idleTimeout)
    {
        var cutoff = DateTime.UtcNow - idleTimeout;
        foreach (var (id, cursor) in _cursors)
        {
            if (cursor.LastUsedUtc < cutoff && cursor.InUse.CurrentCount > 0) _cursors.TryRemove(id, out _);
        }
    }
}
