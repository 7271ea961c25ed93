namespace HaScheduler.Node.Api;

/// <summary>The REST API's log catalogue: EventIds 3xxx (NodeLog: 1xxx hosting, 2xxx scheduling).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(3001, LogLevel.Information, "Schedule {ScheduleId} created ({Type}, version {Version})")]
    public static partial void ScheduleCreated(ILogger logger, string scheduleId, string type, long version);

    [LoggerMessage(3002, LogLevel.Information, "Schedule {ScheduleId} replaced (version {Version})")]
    public static partial void ScheduleReplaced(ILogger logger, string scheduleId, long version);

    [LoggerMessage(3003, LogLevel.Information, "Schedule {ScheduleId} deleted")]
    public static partial void ScheduleDeleted(ILogger logger, string scheduleId);

    [LoggerMessage(3004, LogLevel.Warning, "MongoDB unavailable while handling {Operation}; answered 503")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string operation);

    [LoggerMessage(3005, LogLevel.Error, "{Operation} failed unexpectedly")]
    public static partial void OperationFailed(ILogger logger, Exception exception, string operation);

    [LoggerMessage(3006, LogLevel.Warning, "The HTTP actor did not answer {Operation} within {Timeout}")]
    public static partial void AskTimedOut(ILogger logger, string operation, TimeSpan timeout);

    [LoggerMessage(3007, LogLevel.Error, "Unhandled exception while serving {Method} {Path}")]
    public static partial void UnhandledException(
        ILogger logger, Exception exception, string method, string path);
}
