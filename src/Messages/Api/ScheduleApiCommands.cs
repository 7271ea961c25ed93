namespace HaScheduler.Messages.Api;

// The HTTP actor's commands. Every one is answered with an IScheduleApiReply: its own …Response on success,
// or one of the shared failure replies (ScheduleNotFoundResponse, VersionMismatchResponse,
// StorageUnavailableResponse). Unexpected failures are answered with Akka's Status.Failure.

/// <summary>Stores a new, already validated schedule.</summary>
public sealed record CreateSchedule(ScheduleSpec Spec);

/// <summary>Reads one schedule.</summary>
public sealed record GetSchedule(string Id);

/// <summary>One page of schedules in id (creation) order, after the id <paramref name="After"/>.</summary>
public sealed record ListSchedules(int Limit, string? After);

/// <summary>Replaces a schedule; <paramref name="ExpectedVersion"/> null means unconditionally.</summary>
public sealed record ReplaceSchedule(string Id, ScheduleSpec Spec, long? ExpectedVersion);

/// <summary>Deletes a schedule; <paramref name="ExpectedVersion"/> null means unconditionally.</summary>
public sealed record DeleteSchedule(string Id, long? ExpectedVersion);

/// <summary>A page of a schedule's runs, newest first, older than <paramref name="Before"/>.</summary>
public sealed record ListRuns(string ScheduleId, int Limit, DateTimeOffset? Before);
