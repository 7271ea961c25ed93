using System.Collections.Concurrent;
using HaScheduler.MongoEmulator;
using HaScheduler.Node.Storage;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Node.Tests.Support;

/// <summary>
/// One MongoDB per test class (<c>IClassFixture&lt;MongoTestDatabase&gt;</c>): an in-process emulator on a free
/// port, or the replica set named by <c>HASCHEDULER_TEST_MONGO_URI</c>. Every test asks for its own freshly
/// named database, so tests never see each other's data and may run in any order.
/// </summary>
public sealed class MongoTestDatabase : IAsyncLifetime
{
    public const string UriVariable = "HASCHEDULER_TEST_MONGO_URI";

    private readonly ConcurrentBag<string> created = [];
    private MongoEmulatorServer? server;
    private IMongoClient? client;

    public string ConnectionString { get; private set; } = string.Empty;

    public IMongoClient Client => client ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>True when tests run against a real MongoDB rather than the emulator.</summary>
    public bool IsExternal { get; private set; }

    public async Task InitializeAsync()
    {
        var uri = Environment.GetEnvironmentVariable(UriVariable);
        if (string.IsNullOrWhiteSpace(uri))
        {
            server = await MongoEmulatorServer.StartAsync(new MongoEmulatorOptions { Port = 0 });
            uri = server.ConnectionString;
        }
        else
        {
            IsExternal = true;
        }

        ConnectionString = uri;
        client = MongoClientFactory.Create(uri, "hascheduler-tests");

        // Open a connection now, so that the first test's first operation is not also the slowest.
        await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
    }

    /// <summary>A database no other test uses (dropped when the fixture ends on a real server).</summary>
    public IMongoDatabase NewDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..20];
        created.Add(name);
        return Client.GetDatabase(name);
    }

    public async Task DisposeAsync()
    {
        if (client is not null && IsExternal)
        {
            foreach (var name in created)
            {
                await client.DropDatabaseAsync(name);
            }
        }

        client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
