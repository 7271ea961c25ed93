using MongoDB.Driver;

namespace HaScheduler.Cluster.Tests.Harness;

/// <summary>
/// One MongoDB (an emulator process, or the replica set named by HASCHEDULER_TEST_MONGO_URI) and N node
/// processes on 127.0.0.1, joined through seed nodes. Every node gets free ports; the database name is unique
/// per cluster so clusters never see each other's data. Disposing stops every process it started.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public const string NodeDll = "HaScheduler.Node.dll";
    public const string EmulatorDll = "HaScheduler.MongoEmulator.dll";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<NodeHandle> _nodes = [];
    private ChildProcess? _emulator;

    private LocalCluster(string mongoUri, string database)
    {
        MongoUri = mongoUri;
        DatabaseName = database;
        Database = new MongoClient(mongoUri).GetDatabase(database);
    }

    public string MongoUri { get; }

    public string DatabaseName { get; }

    public IMongoDatabase Database { get; }

    public IReadOnlyList<NodeHandle> Nodes => _nodes;

    public static async Task<LocalCluster> StartAsync(int nodeCount)
    {
        var database = "hs_" + Guid.NewGuid().ToString("N")[..12];
        var external = Environment.GetEnvironmentVariable("HASCHEDULER_TEST_MONGO_URI");
        ChildProcess? emulator = null;
        string uri;
        if (string.IsNullOrWhiteSpace(external))
        {
            emulator = ChildProcess.Start(EmulatorDll, ["--port", "0"], new Dictionary<string, string>());
            var line = await emulator.WaitForLineAsync(l => l.Contains("mongodb://"), StartTimeout);
            uri = line[line.IndexOf("mongodb://", StringComparison.Ordinal)..].Split(' ')[0].Trim();
        }
        else
        {
            uri = external;
        }

        var cluster = new LocalCluster(uri, database) { _emulator = emulator };
        try
        {
            var remotePorts = Enumerable.Range(0, nodeCount).Select(_ => FreePorts.Next()).ToArray();
            for (var i = 0; i < nodeCount; i++)
            {
                cluster._nodes.Add(new NodeHandle(i, FreePorts.Next(), remotePorts[i]));
            }

            foreach (var node in cluster._nodes)
            {
                cluster.StartNode(node);
            }

            foreach (var node in cluster._nodes)
            {
                await cluster.WaitReadyAsync(node);
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public void StartNode(NodeHandle node)
    {
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{node.HttpPort}",
            ["HaScheduler__Mongo__ConnectionString"] = MongoUri,
            ["HaScheduler__Mongo__Database"] = DatabaseName,
            ["HaScheduler__Cluster__Hostname"] = "127.0.0.1",
            ["HaScheduler__Cluster__Port"] = node.RemotePort.ToString(),
            ["HaScheduler__Cluster__Discovery"] = "Seeds",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        for (var i = 0; i < _nodes.Count; i++)
        {
            env[$"HaScheduler__Cluster__SeedNodes__{i}"] = $"akka.tcp://hascheduler@127.0.0.1:{_nodes[i].RemotePort}";
        }

        node.Process = ChildProcess.Start(NodeDll, [], env);
    }

    public Task WaitReadyAsync(NodeHandle node) => Eventually.WaitAsync(
        async () => (await node.Http.GetAsync("/health/ready")).IsSuccessStatusCode,
        StartTimeout,
        $"node {node.Index} ready:\n{node.Process?.Tail()}");

    /// <summary>The node hosting the scheduler, once every live node agrees on it.</summary>
    public async Task<NodeHandle> WaitForSchedulerAsync(TimeSpan timeout)
    {
        var name = await Eventually.WaitAsync(
            () => _nodes.First(n => n.Process is { HasExited: false }).SchedulerNodeAsync(),
            n => n is not null, timeout, "a scheduler");
        return _nodes.Single(n => n.Name == name);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
        else
        {
            await Database.Client.DropDatabaseAsync(DatabaseName);
        }
    }
}
