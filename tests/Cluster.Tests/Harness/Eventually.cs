namespace HaScheduler.Cluster.Tests.Harness;

/// <summary>
/// Awaits a condition with a deadline. Processes and HTTP endpoints cannot notify a test, so the condition is
/// polled; the poll interval is not synchronisation (the deadline is), and a failure says what was awaited.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> WaitAsync<T>(
        Func<Task<T?>> probe, Func<T?, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T? last = default;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
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

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"timed out after {timeout} waiting for {what}; last value: {last}", lastError);
    }

    public static Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        WaitAsync(async () => await condition(), ok => ok, timeout, what);
}
