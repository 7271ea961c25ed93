namespace HaScheduler.MongoEmulator.Tests.Infrastructure;

/// <summary>Bounded waits: poll a condition until it holds or the deadline passes (then fail).</summary>
public static class Await
{
    public static async Task ConditionAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            if (cts.IsCancellationRequested) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Yield();
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public static CancellationToken Within(TimeSpan timeout) => new CancellationTokenSource(timeout).Token;
}
