using HaScheduler.Messages;
using HaScheduler.Node.Storage;

namespace HaScheduler.Node.Tests.Api;

/// <summary>An in-memory <see cref="IRunLedger"/> for API tests: only listing matters here.</summary>
internal sealed class InMemoryRunLedger : IRunLedger
{
    private readonly Lock _gate = new();
    private readonly List<RunRecord> _runs = [];

    public void Add(params RunRecord[] runs)
    {
        lock (_gate)
        {
            _runs.AddRange(runs);
        }
    }

    public Task<IReadOnlyList<RunRecord>> ListAsync(
        string scheduleId, int limit, DateTimeOffset? before, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<RunRecord> page = _runs
                .Where(r => r.ScheduleId == scheduleId && (before is null || r.Occurrence < before))
                .OrderByDescending(r => r.Occurrence)
                .Take(limit)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<bool> TryClaimAsync(
        string scheduleId, DateTimeOffset occurrence, long epoch, string node, CancellationToken ct) =>
        throw new NotSupportedException("The API never claims.");

    public Task RecordOutcomeAsync(
        string scheduleId, DateTimeOffset occurrence, RunStatus status, DateTimeOffset firedAt,
        TimeSpan lateness, string? error, CancellationToken ct) =>
        throw new NotSupportedException("The API never records outcomes.");

    public Task RecordSkippedAsync(
        string scheduleId, IReadOnlyList<DateTimeOffset> occurrences, long epoch, string node,
        CancellationToken ct) =>
        throw new NotSupportedException("The API never records skips.");

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> FenceAndLoadPositionsAsync(
        long epoch, IReadOnlyCollection<string> scheduleIds, string node, CancellationToken ct) =>
        throw new NotSupportedException("The API never fences.");

    public Task ForgetAsync(string scheduleId, CancellationToken ct) =>
        throw new NotSupportedException("The API leaves run state to the scheduler.");
}
