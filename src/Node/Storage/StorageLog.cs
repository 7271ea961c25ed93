using Microsoft.Extensions.Logging;

namespace HaScheduler.Node.Storage;

/// <summary>Log catalogue of the storage area (EventIds 3000-3099).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(3001, LogLevel.Debug,
        "Claim refused for {ScheduleId} at {Occurrence:o} (epoch {Epoch}): claimed already or fenced")]
    public static partial void ClaimRefused(
        ILogger logger, string scheduleId, DateTimeOffset occurrence, long epoch);

    [LoggerMessage(3002, LogLevel.Warning,
        "Run {RunId} already recorded although its state claim succeeded (epoch {Epoch}); not firing")]
    public static partial void RunAlreadyRecorded(ILogger logger, string runId, long epoch);

    [LoggerMessage(3003, LogLevel.Warning,
        "Outcome {Status} for run {RunId} not recorded: no claimed or unknown run with that key")]
    public static partial void OutcomeWithoutClaim(ILogger logger, string status, string runId);

    [LoggerMessage(3004, LogLevel.Information,
        "Fenced schedule state at epoch {Epoch}: {Raised} raised, {Created} created, "
        + "{Positions} positions loaded")]
    public static partial void Fenced(ILogger logger, long epoch, long raised, int created, int positions);

    [LoggerMessage(3005, LogLevel.Warning,
        "Recorded {Count} run(s) as unknown at takeover (epoch {Epoch}): a previous leader claimed them and "
        + "did not report an outcome")]
    public static partial void UnknownRunsRecorded(ILogger logger, int count, long epoch);

    [LoggerMessage(3006, LogLevel.Debug,
        "Skipped records for {ScheduleId} refused: epoch {Epoch} is fenced off")]
    public static partial void SkippedRefused(ILogger logger, string scheduleId, long epoch);

    [LoggerMessage(3010, LogLevel.Information, "Lease {LeaseName} acquired by {Owner} at epoch {Epoch}")]
    public static partial void LeaseAcquired(ILogger logger, string leaseName, string owner, long epoch);

    [LoggerMessage(3011, LogLevel.Debug, "Lease {LeaseName} renewed by {Owner} (epoch {Epoch})")]
    public static partial void LeaseRenewed(ILogger logger, string leaseName, string owner, long epoch);

    [LoggerMessage(3012, LogLevel.Information, "Lease {LeaseName} lost by {Owner} (epoch {Epoch}): {Reason}")]
    public static partial void LeaseLost(
        ILogger logger, string leaseName, string owner, long epoch, string reason);

    [LoggerMessage(3013, LogLevel.Information, "Lease {LeaseName} released by {Owner} (epoch {Epoch})")]
    public static partial void LeaseReleased(ILogger logger, string leaseName, string owner, long epoch);

    [LoggerMessage(3014, LogLevel.Warning, "Renewing lease {LeaseName} failed; retrying until it could expire")]
    public static partial void LeaseRenewFailed(ILogger logger, Exception exception, string leaseName);

    [LoggerMessage(3015, LogLevel.Debug, "Lease {LeaseName} not acquired by {Owner}: held by another owner")]
    public static partial void LeaseRefused(ILogger logger, string leaseName, string owner);

    [LoggerMessage(3016, LogLevel.Warning, "Releasing lease {LeaseName} failed; it will expire by itself")]
    public static partial void LeaseReleaseFailed(ILogger logger, Exception exception, string leaseName);
}
