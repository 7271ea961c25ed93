namespace HaScheduler.MongoEmulator.Tests.Infrastructure;

/// <summary>Deadlines for driver calls (conditions are awaited with HaScheduler.Testing.Eventually).</summary>
public static class Await
{
    public static CancellationToken Within(TimeSpan timeout) => new CancellationTokenSource(timeout).Token;
}
