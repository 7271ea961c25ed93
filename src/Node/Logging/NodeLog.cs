namespace HaScheduler.Node;

/// <summary>
/// The node's log catalogue for hosting and scheduling. EventIds: 1xxx hosting, 2xxx scheduling.
/// Info is for what an operator cares about; per-tick detail is Debug.
/// </summary>
internal static partial class NodeLog
{
    [LoggerMessage(1001, LogLevel.Warning,
        "No MongoDB connection string configured: started an in-process emulator at {ConnectionString}. "
        + "DATA LIVES IN MEMORY and is lost when this process stops")]
    public static partial void EmbeddedEmulator(ILogger logger, string connectionString);

    [LoggerMessage(2001, LogLevel.Information,
        "Scheduler started on {Node} with lease epoch {Epoch}: {ScheduleCount} schedules loaded")]
    public static partial void SchedulerStarted(ILogger logger, string node, long epoch, int scheduleCount);

    [LoggerMessage(2002, LogLevel.Information, "Scheduler on {Node} stopped (epoch {Epoch})")]
    public static partial void SchedulerStopped(ILogger logger, string node, long epoch);

    [LoggerMessage(2003, LogLevel.Information,
        "schedule fired {ScheduleId} {ScheduleName} occurrence={Occurrence:O} lateness_ms={LatenessMs} "
        + "node={Node} epoch={Epoch}")]
    public static partial void ScheduleFired(
        ILogger logger, string scheduleId, string scheduleName, DateTimeOffset occurrence, double latenessMs,
        string node, long epoch);

    [LoggerMessage(2004, LogLevel.Information,
        "Schedule {ScheduleId}: {SkippedCount} missed occurrences recorded as skipped, {FiredCount} fired late "
        + "(policy {Policy})")]
    public static partial void Misfires(
        ILogger logger, string scheduleId, int skippedCount, int firedCount, string policy);

    [LoggerMessage(2005, LogLevel.Debug, "Schedule {ScheduleId}: occurrence {Occurrence:O} already claimed elsewhere")]
    public static partial void ClaimRefused(ILogger logger, string scheduleId, DateTimeOffset occurrence);

    [LoggerMessage(2006, LogLevel.Warning, "Schedule {ScheduleId}: claim of {Occurrence:O} failed; will retry")]
    public static partial void ClaimFailed(
        ILogger logger, Exception exception, string scheduleId, DateTimeOffset occurrence);

    [LoggerMessage(2007, LogLevel.Warning, "Lease not held: schedule {ScheduleId} does not claim {Occurrence:O}")]
    public static partial void LeaseNotHeld(ILogger logger, string scheduleId, DateTimeOffset occurrence);

    [LoggerMessage(2008, LogLevel.Warning, "Change stream broke; resuming from the last token")]
    public static partial void ChangeStreamBroken(ILogger logger, Exception exception);

    [LoggerMessage(2009, LogLevel.Warning, "Change stream cannot resume; reloading every schedule")]
    public static partial void ChangeStreamReload(ILogger logger, Exception? exception);

    [LoggerMessage(2010, LogLevel.Debug, "Schedule {ScheduleId} version {Version} applied ({Change})")]
    public static partial void ScheduleApplied(ILogger logger, string scheduleId, long version, string change);

    [LoggerMessage(2011, LogLevel.Error, "Schedule {ScheduleId}: action for {Occurrence:O} failed")]
    public static partial void ActionFailed(
        ILogger logger, Exception exception, string scheduleId, DateTimeOffset occurrence);

    [LoggerMessage(2012, LogLevel.Error, "Scheduler start-up failed; the singleton restarts")]
    public static partial void SchedulerStartFailed(ILogger logger, Exception exception);
}
