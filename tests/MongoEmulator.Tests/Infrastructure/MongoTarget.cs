using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Infrastructure;

/// <summary>
/// The server a test class talks to: an in-process emulator on port 0, or the real replica set named
/// by HASCHEDULER_TEST_MONGO_URI. Each test takes its own database so tests never share data.
/// </summary>
public sealed class MongoTarget : IAsyncLifetime
{
    public const string UriVariable = "HASCHEDULER_TEST_MONGO_URI";
    private static int _counter;

    public MongoEmulatorServer? Server { get; private set; }

    public bool IsEmulator => Server is not null;

    public string ConnectionString { get; private set; } = "";

    public MongoClient Client { get; private set; } = null!;

    public static string? ExternalUri => Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri ? uri : null;

    public async Task InitializeAsync()
    {
        if (ExternalUri is { } uri)
        {
            ConnectionString = uri;
        }
        else
        {
            Server = await MongoEmulatorServer.StartAsync(new MongoEmulatorOptions { Port = 0 });
            ConnectionString = Server.ConnectionString;
        }

        Client = NewClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    public MongoClient NewClient(Action<MongoClientSettings>? configure = null)
    {
        var settings = MongoClientSettings.FromConnectionString(ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        configure?.Invoke(settings);
        return new MongoClient(settings);
    }

    /// <summary>A fresh database name, unique per call, so tests are independent.</summary>
    public IMongoDatabase NewDatabase(IMongoClient? client = null) =>
        (client ?? Client).GetDatabase($"t{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"[..24]);

    public IMongoCollection<BsonDocument> NewCollection(string name = "c", IMongoClient? client = null) =>
        NewDatabase(client).GetCollection<BsonDocument>(name);
}
