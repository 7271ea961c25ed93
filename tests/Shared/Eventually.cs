namespace HaScheduler.Testing;

/// <summary>
/// Awaits a condition with a deadline instead of sleeping for a guessed time. Processes, HTTP endpoints and
/// databases cannot notify a test, so the condition is polled; the poll interval is not synchronisation (the
/// deadline is), and a timeout says what was awaited. Linked into every test project (one copy).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string? because = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string? because = null)
    {
        await WaitAsync(async () => await condition(), ok => ok, timeout, because ?? "(unnamed condition)");
    }

    /// <summary>
    /// Probes until <paramref name="done"/> holds. Transient HTTP and I/O errors (a node still starting) count
    /// as "not yet"; the last value and error are in the timeout's message.
    /// </summary>
    public static async Task<T> WaitAsync<T>(
        Func<Task<T?>> probe, Func<T?, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T? last = default;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last!;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                lastError = e;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"timed out after {timeout} waiting for {what}; last value: {last}", lastError);
            }

            await Task.Delay(Poll);
        }
    }

    public static Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        WaitAsync(async () => await condition(), ok => ok, timeout, what);
}
