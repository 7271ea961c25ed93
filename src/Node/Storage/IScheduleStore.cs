using HaScheduler.Messages;

namespace HaScheduler.Node.Storage;

/// <summary>The <c>schedules</c> collection. All writes use majority write concern.</summary>
public interface IScheduleStore
{
    Task<Schedule> CreateAsync(ScheduleSpec spec, CancellationToken ct);

    Task<Schedule?> GetAsync(string id, CancellationToken ct);

    /// <summary>Ordered by id (creation order); <paramref name="after"/> is the last id of the previous page.</summary>
    Task<IReadOnlyList<Schedule>> ListAsync(int limit, string? after, CancellationToken ct);

    /// <summary>
    /// Full replace. Bumps version; moves <c>anchor_at</c> only if type or definition changed.
    /// </summary>
    Task<ReplaceResult> ReplaceAsync(string id, ScheduleSpec spec, long? expectedVersion, CancellationToken ct);

    /// <summary>
    /// Deletes the schedule; with <paramref name="expectedVersion"/>, only if it is at that version, checked
    /// in the same atomic step as the delete.
    /// </summary>
    Task<DeleteOutcome> DeleteAsync(string id, long? expectedVersion, CancellationToken ct);

    Task<IReadOnlyList<Schedule>> LoadAllAsync(CancellationToken ct);

    /// <summary>Answers when MongoDB answers a ping (readiness).</summary>
    Task<bool> PingAsync(CancellationToken ct);
}

public abstract record ReplaceResult
{
    private ReplaceResult()
    {
    }

    public sealed record Replaced(Schedule Schedule) : ReplaceResult;

    public sealed record NotFound : ReplaceResult;

    public sealed record VersionMismatch(long CurrentVersion) : ReplaceResult;
}

/// <summary>What a delete did. Not named <c>DeleteResult</c>: the MongoDB driver already has one.</summary>
public abstract record DeleteOutcome
{
    private DeleteOutcome()
    {
    }

    /// <summary>Carries the schedule as it was just before it was deleted.</summary>
    public sealed record Deleted(Schedule Schedule) : DeleteOutcome;

    public sealed record NotFound : DeleteOutcome;

    /// <summary>Nothing was deleted: the schedule is at <paramref name="CurrentVersion"/>.</summary>
    public sealed record VersionMismatch(long CurrentVersion) : DeleteOutcome;
}
