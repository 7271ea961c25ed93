namespace HaScheduler.Node.Tests.Support;

/// <summary>Awaits a condition with a deadline (polling), instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string? because = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}: {because ?? "(unnamed)"}.");
            }

            await Task.Delay(Poll);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string? because = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}: {because ?? "(unnamed)"}.");
            }

            await Task.Delay(Poll);
        }
    }
}
