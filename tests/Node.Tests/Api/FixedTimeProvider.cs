namespace HaScheduler.Node.Tests.Api;

/// <summary>A clock that stands still, so created_at and next_fire_at are exact in assertions.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>Between the second and third instant of payloads/create_schedule_at.json.</summary>
    public static readonly DateTimeOffset Default = new(2025, 3, 14, 22, 17, 6, 500, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;
}
