using HaScheduler.MongoEmulator;
using HaScheduler.Node.Scheduling;
using HaScheduler.Node.Storage;
using MongoDB.Driver;

namespace HaScheduler.Node.Hosting;

/// <summary>MongoDB client, database and stores; an in-process emulator when no server is configured.</summary>
public static class MongoSetup
{
    public static WebApplicationBuilder AddMongo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MongoOptions.Section).Get<MongoOptions>() ?? new MongoOptions();
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // Blocking once at start-up is fine: nothing else runs yet, and DI factories are synchronous.
            var emulator = MongoEmulatorServer.StartAsync(new MongoEmulatorOptions { Port = 0 })
                .GetAwaiter().GetResult();
            connectionString = emulator.ConnectionString;
            builder.Services.AddSingleton(new EmbeddedEmulator(emulator));
            builder.Services.AddHostedService<EmbeddedEmulatorWarning>();
        }

        var settings = MongoClientFactory.Settings(connectionString, "hascheduler-node");
        settings.WriteConcern = WriteConcern.WMajority;
        var client = new MongoClient(settings);
        var database = client.GetDatabase(options.Database);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IMongoClient>(client);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<LeaseState>();
        builder.Services.AddSingleton<LeaseInfo>();
        builder.Services.AddSingleton<MongoScheduleStore>();
        builder.Services.AddSingleton<IScheduleStore>(sp => sp.GetRequiredService<MongoScheduleStore>());
        builder.Services.AddSingleton<MongoRunLedger>();
        builder.Services.AddSingleton<IRunLedger>(sp => sp.GetRequiredService<MongoRunLedger>());
        builder.Services.AddHostedService<IndexInitializer>();
        return builder;
    }

    /// <summary>Owns the in-process emulator so the host disposes it on shutdown.</summary>
    public sealed class EmbeddedEmulator(MongoEmulatorServer server) : IAsyncDisposable
    {
        public string ConnectionString => server.ConnectionString;

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
