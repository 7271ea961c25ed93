namespace HaScheduler.Node.Hosting;

/// <summary>Says loudly, once, that data lives in memory.</summary>
internal sealed class EmbeddedEmulatorWarning(
    MongoSetup.EmbeddedEmulator emulator, ILogger<EmbeddedEmulatorWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        NodeLog.EmbeddedEmulator(logger, emulator.ConnectionString);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
