using HaScheduler.Node.Storage;

namespace HaScheduler.Node.Hosting;

/// <summary>Creates the collections' indexes before the node serves (idempotent on every start).</summary>
internal sealed class IndexInitializer(MongoScheduleStore schedules) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await schedules.EnsureIndexesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
