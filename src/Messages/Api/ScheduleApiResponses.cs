namespace HaScheduler.Messages.Api;

/// <summary>Every reply of the HTTP actor, so that one Ask type covers success and failure.</summary>
public interface IScheduleApiReply;

public sealed record CreateScheduleResponse(Schedule Schedule) : IScheduleApiReply;

public sealed record GetScheduleResponse(Schedule Schedule) : IScheduleApiReply;

/// <summary><paramref name="NextAfter"/> is the id to pass as <c>after</c>; null on the last page.</summary>
public sealed record ListSchedulesResponse(IReadOnlyList<Schedule> Items, string? NextAfter)
    : IScheduleApiReply;

public sealed record ReplaceScheduleResponse(Schedule Schedule) : IScheduleApiReply;

/// <summary>Carries the schedule as it was just before it was deleted.</summary>
public sealed record DeleteScheduleResponse(Schedule Schedule) : IScheduleApiReply;

/// <summary><paramref name="NextBefore"/> is the occurrence to pass as <c>before</c>; null if last.</summary>
public sealed record ListRunsResponse(IReadOnlyList<RunRecord> Items, DateTimeOffset? NextBefore)
    : IScheduleApiReply;

/// <summary>No schedule has the id <paramref name="Id"/>.</summary>
public sealed record ScheduleNotFoundResponse(string Id) : IScheduleApiReply;

/// <summary>
/// A conditional replace or delete lost: the schedule is now at <paramref name="CurrentVersion"/>.
/// </summary>
public sealed record VersionMismatchResponse(string Id, long ExpectedVersion, long CurrentVersion)
    : IScheduleApiReply;

/// <summary>MongoDB could not be reached in time; nothing was changed, the request may be retried.</summary>
public sealed record StorageUnavailableResponse(string Reason) : IScheduleApiReply;
