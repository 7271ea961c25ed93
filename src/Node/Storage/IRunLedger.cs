using HaScheduler.Messages;

namespace HaScheduler.Node.Storage;

/// <summary>The <c>runs</c> and <c>schedule_state</c> collections: claims, outcomes and the fence.</summary>
public interface IRunLedger
{
    /// <summary>
    /// Atomically claims <paramref name="occurrence"/> for the leader at <paramref name="epoch"/>
    /// (see docs/ARCHITECTURE.md, claim protocol) and records the run as claimed.
    /// False when a later claim or a higher epoch owns it: the caller must not fire.
    /// </summary>
    Task<bool> TryClaimAsync(
        string scheduleId, DateTimeOffset occurrence, long epoch, string node, CancellationToken ct);

    Task RecordOutcomeAsync(
        string scheduleId, DateTimeOffset occurrence, RunStatus status, DateTimeOffset firedAt, TimeSpan lateness,
        string? error, CancellationToken ct);

    /// <summary>Records occurrences as skipped (misfire policy), claiming them so nobody fires them later.</summary>
    Task RecordSkippedAsync(
        string scheduleId, IReadOnlyList<DateTimeOffset> occurrences, long epoch, string node, CancellationToken ct);

    /// <summary>
    /// Takeover fence: raises every state document below <paramref name="epoch"/> to it, creates one for each
    /// of <paramref name="scheduleIds"/> that has none, records dead leaders' unreported claims as unknown,
    /// and returns each schedule's last claimed occurrence.
    /// </summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> FenceAndLoadPositionsAsync(
        long epoch, IReadOnlyCollection<string> scheduleIds, string node, CancellationToken ct);

    /// <summary>Newest first; <paramref name="before"/> is the oldest occurrence of the previous page.</summary>
    Task<IReadOnlyList<RunRecord>> ListAsync(
        string scheduleId, int limit, DateTimeOffset? before, CancellationToken ct);

    /// <summary>Removes the state of a deleted schedule (its runs age out by TTL).</summary>
    Task ForgetAsync(string scheduleId, CancellationToken ct);
}
