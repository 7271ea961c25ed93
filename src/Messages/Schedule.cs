namespace HaScheduler.Messages;

/// <summary>
/// A stored schedule. <see cref="AnchorAt"/> is when the definition last changed: duration
/// schedules fire at anchor + k * interval so every node computes the same instants.
/// <see cref="Version"/> grows by one on every write (optimistic concurrency, event ordering).
/// </summary>
public sealed record Schedule(
    string Id,
    ScheduleSpec Spec,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset AnchorAt,
    long Version);
