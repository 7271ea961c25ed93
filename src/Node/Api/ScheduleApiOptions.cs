using System.ComponentModel.DataAnnotations;

namespace HaScheduler.Node.Api;

/// <summary>Bound from configuration section <c>HaScheduler:Api</c>; validated at start.</summary>
public sealed class ScheduleApiOptions
{
    public const string Section = "HaScheduler:Api";

    /// <summary>Largest accepted request body in bytes (default 64 KiB); larger bodies get 413.</summary>
    [Range(1, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long an endpoint waits for the HTTP actor (default 10 s). Longer than the driver's server
    /// selection timeout, so an unreachable MongoDB is reported as 503 by the actor, not as a timed-out Ask.
    /// </summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Page size when <c>limit</c> is not given (default 50).</summary>
    [Range(1, 10_000)]
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest accepted <c>limit</c> (default 500); larger values get 400.</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 500;

    /// <summary>The <c>Retry-After</c> sent with 503 when MongoDB is unavailable (default 5 s).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
