using System.Globalization;
using HaScheduler.Messages;
using HaScheduler.Node.Storage;

namespace HaScheduler.Node.Tests.Api;

/// <summary>
/// A thread-safe in-memory <see cref="IScheduleStore"/> for API tests. <see cref="Failure"/> makes every call
/// throw it; <see cref="FailAsUnavailable"/> throws what the MongoDB driver throws when no server answers.
/// </summary>
internal sealed class InMemoryScheduleStore : IScheduleStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, Schedule> _schedules = new(StringComparer.Ordinal);
    private int _nextId;

    public InMemoryScheduleStore(TimeProvider? clock = null) => Clock = clock ?? TimeProvider.System;

    public TimeProvider Clock { get; }

    public Exception? Failure { get; set; }

    public void FailAsUnavailable() =>
        Failure = new TimeoutException("A timeout occurred after 5000ms selecting a server (test double).");

    /// <summary>Every stored schedule, in id order, for "nothing changed" assertions.</summary>
    public IReadOnlyList<Schedule> Snapshot()
    {
        lock (_gate)
        {
            return _schedules.Values.ToList();
        }
    }

    public Task<Schedule> CreateAsync(ScheduleSpec spec, CancellationToken ct)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            var now = Clock.GetUtcNow();
            var id = "sch_" + (++_nextId).ToString("D26", CultureInfo.InvariantCulture);
            var schedule = new Schedule(id, spec, now, now, now, Version: 1);
            _schedules.Add(id, schedule);
            return Task.FromResult(schedule);
        }
    }

    public Task<Schedule?> GetAsync(string id, CancellationToken ct)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            return Task.FromResult(_schedules.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<Schedule>> ListAsync(int limit, string? after, CancellationToken ct)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            IReadOnlyList<Schedule> page = _schedules.Values
                .Where(s => after is null || string.CompareOrdinal(s.Id, after) > 0)
                .Take(limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<ReplaceResult> ReplaceAsync(
        string id, ScheduleSpec spec, long? expectedVersion, CancellationToken ct)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            if (!_schedules.TryGetValue(id, out var current))
            {
                return Task.FromResult<ReplaceResult>(new ReplaceResult.NotFound());
            }

            if (expectedVersion is { } expected && expected != current.Version)
            {
                return Task.FromResult<ReplaceResult>(new ReplaceResult.VersionMismatch(current.Version));
            }

            var now = Clock.GetUtcNow();
            var definitionChanged = current.Spec.Type != spec.Type || !SameDefinition(current.Spec, spec);
            var replaced = current with
            {
                Spec = spec,
                UpdatedAt = now,
                AnchorAt = definitionChanged ? now : current.AnchorAt,
                Version = current.Version + 1,
            };
            _schedules[id] = replaced;
            return Task.FromResult<ReplaceResult>(new ReplaceResult.Replaced(replaced));
        }
    }

    public Task<DeleteOutcome> DeleteAsync(string id, long? expectedVersion, CancellationToken ct)
    {
        ThrowIfUnavailable();
        lock (_gate)
        {
            if (!_schedules.TryGetValue(id, out var current))
            {
                return Task.FromResult<DeleteOutcome>(new DeleteOutcome.NotFound());
            }

            if (expectedVersion is { } expected && expected != current.Version)
            {
                return Task.FromResult<DeleteOutcome>(new DeleteOutcome.VersionMismatch(current.Version));
            }

            _schedules.Remove(id);
            return Task.FromResult<DeleteOutcome>(new DeleteOutcome.Deleted(current));
        }
    }

    public Task<IReadOnlyList<Schedule>> LoadAllAsync(CancellationToken ct) => Task.FromResult(Snapshot());

    public Task<bool> PingAsync(CancellationToken ct) => Task.FromResult(Failure is null);

    private static bool SameDefinition(ScheduleSpec a, ScheduleSpec b) =>
        a.Definition.CronExpression == b.Definition.CronExpression
        && a.Definition.TimeZone == b.Definition.TimeZone
        && a.Definition.Interval == b.Definition.Interval
        && (a.Definition.Times ?? []).SequenceEqual(b.Definition.Times ?? []);

    private void ThrowIfUnavailable()
    {
        if (Failure is not null)
        {
            throw Failure;
        }
    }
}
