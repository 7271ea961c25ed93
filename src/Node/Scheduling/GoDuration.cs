namespace HaScheduler.Node.Scheduling;

/// <summary>Parses Go's <c>time.ParseDuration</c> syntax (<c>300ms</c>, <c>1.5h</c>, <c>2h45m</c>, <c>1µs</c>).</summary>
public static class GoDuration
{
    /// <summary>
    /// Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong in words a
    /// user understands. Negative and zero durations are parse-valid (policy is the caller's).
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error) =>
        throw new NotImplementedException();

    /// <summary>Formats like Go's <c>Duration.String()</c> (e.g. <c>1h30m0s</c>, <c>300ms</c>).</summary>
    public static string Format(TimeSpan value) => throw new NotImplementedException();
}
