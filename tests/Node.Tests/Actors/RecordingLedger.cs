using System.Collections.Concurrent;
using HaScheduler.Messages;
using HaScheduler.Node.Storage;

namespace HaScheduler.Node.Tests.Actors;

/// <summary>
/// An in-memory ledger that keeps the claim rule (an occurrence is claimed once, positions only move forward)
/// and records every call, so actor tests can assert what a ScheduleActor asked for.
/// </summary>
internal sealed class RecordingLedger : IRunLedger
{
    private readonly ConcurrentDictionary<(string ScheduleId, DateTimeOffset Occurrence), RunRecord> _runs = new();
    private readonly object _gate = new();

    public Func<DateTimeOffset, bool> RefuseClaim { get; set; } = _ => false;

    public ConcurrentQueue<DateTimeOffset> Claims { get; } = new();

    public IReadOnlyCollection<string> FencedSchedules { get; private set; } = [];

    public long? FencedEpoch { get; private set; }

    public int ClaimsOf(string scheduleId) => _runs.Keys.Count(k => k.ScheduleId == scheduleId);

    public ConcurrentQueue<DateTimeOffset> Skipped { get; } = new();

    public ConcurrentQueue<(DateTimeOffset Occurrence, RunStatus Status)> Outcomes { get; } = new();

    /// <summary>Lateness of each reported outcome (fired at minus occurrence), in report order.</summary>
    public ConcurrentQueue<(DateTimeOffset Occurrence, TimeSpan Lateness)> Lateness { get; } = new();

    public Task<bool> TryClaimAsync(
        string scheduleId, DateTimeOffset occurrence, long epoch, string node, CancellationToken ct)
    {
        lock (_gate)
        {
            if (RefuseClaim(occurrence) || !_runs.TryAdd((scheduleId, occurrence),
                    new RunRecord(scheduleId, occurrence, null, node, epoch, RunStatus.Claimed)))
            {
                return Task.FromResult(false);
            }

            Claims.Enqueue(occurrence);
            return Task.FromResult(true);
        }
    }

    public Task RecordOutcomeAsync(
        string scheduleId, DateTimeOffset occurrence, RunStatus status, DateTimeOffset firedAt, TimeSpan lateness,
        string? error, CancellationToken ct)
    {
        Outcomes.Enqueue((occurrence, status));
        Lateness.Enqueue((occurrence, firedAt - occurrence));
        return Task.CompletedTask;
    }

    public Task RecordSkippedAsync(
        string scheduleId, IReadOnlyList<DateTimeOffset> occurrences, long epoch, string node, CancellationToken ct)
    {
        foreach (var occurrence in occurrences)
        {
            Skipped.Enqueue(occurrence);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> FenceAndLoadPositionsAsync(
        long epoch, IReadOnlyCollection<string> scheduleIds, string node, CancellationToken ct)
    {
        FencedEpoch = epoch;
        FencedSchedules = scheduleIds.ToArray();
        return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());
    }

    public Task<IReadOnlyList<RunRecord>> ListAsync(
        string scheduleId, int limit, DateTimeOffset? before, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RunRecord>>(
            _runs.Values.OrderByDescending(r => r.Occurrence).Take(limit).ToArray());

    public Task ForgetAsync(string scheduleId, CancellationToken ct) => Task.CompletedTask;
}
