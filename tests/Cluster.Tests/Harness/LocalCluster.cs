using HaScheduler.Testing;
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
    private readonly List<ChildProcess> _emulators = [];
    private readonly LocalClusterSettings _settings;
    private ChildProcess? _emulator;

    private LocalCluster(string mongoUri, string database, LocalClusterSettings settings)
    {
        _settings = settings;
        MongoUri = mongoUri;
        DatabaseName = database;
        Database = new MongoClient(mongoUri).GetDatabase(database);
    }

    public string MongoUri { get; }

    public string DatabaseName { get; }

    public IMongoDatabase Database { get; }

    public IReadOnlyList<NodeHandle> Nodes => _nodes;

    /// <summary>The emulator process, when this cluster started one.</summary>
    public ChildProcess? Emulator => _emulator;

    public static Task<LocalCluster> StartAsync(int nodeCount) => StartAsync(nodeCount, new LocalClusterSettings());

    public static async Task<LocalCluster> StartAsync(int nodeCount, LocalClusterSettings settings)
    {
        var database = "hs_" + Guid.NewGuid().ToString("N")[..12];
        var external = Environment.GetEnvironmentVariable("HASCHEDULER_TEST_MONGO_URI");
        ChildProcess? emulator = null;
        string uri;
        if (string.IsNullOrWhiteSpace(external))
        {
            emulator = ChildProcess.Start(EmulatorDll, EmulatorArgs(settings), new Dictionary<string, string>());
            uri = await EmulatorUriAsync(emulator);
        }
        else
        {
            uri = external;
        }

        var cluster = new LocalCluster(uri, database, settings) { _emulator = emulator };
        if (emulator is not null)
        {
            cluster._emulators.Add(emulator);
        }

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
        foreach (var (key, value) in _settings.NodeEnvironment)
        {
            env[key] = value;
        }

        for (var i = 0; i < _nodes.Count; i++)
        {
            env[$"HaScheduler__Cluster__SeedNodes__{i}"] = $"akka.tcp://hascheduler@127.0.0.1:{_nodes[i].RemotePort}";
        }

        node.Process = ChildProcess.Start(NodeDll, [], env);
    }

    /// <summary>Starts a stopped or killed node again on the same ports and waits until it is ready.</summary>
    public async Task RestartNodeAsync(NodeHandle node)
    {
        if (node.IsRunning)
        {
            throw new InvalidOperationException($"node {node.Index} is still running");
        }

        StartNode(node);
        await WaitReadyAsync(node);
    }

    /// <summary>SIGKILLs the emulator process (needs <see cref="LocalClusterSettings.DurableEmulator"/>).</summary>
    public async Task KillEmulatorAsync()
    {
        var emulator = _emulator ?? throw new InvalidOperationException("this cluster uses an external MongoDB");
        emulator.Signal("KILL");
        await emulator.WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Starts the emulator again on the same port and data directory.</summary>
    public async Task RestartEmulatorAsync()
    {
        if (!_settings.DurableEmulator || _emulator is null)
        {
            throw new InvalidOperationException("only a durable emulator can be restarted with its data");
        }

        _emulator = ChildProcess.Start(EmulatorDll, EmulatorArgs(_settings), new Dictionary<string, string>());
        _emulators.Add(_emulator);
        await EmulatorUriAsync(_emulator);
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
            foreach (var emulator in _emulators)
            {
                await emulator.DisposeAsync();
            }

            DeleteDataDirectory();
        }
        else
        {
            await Database.Client.DropDatabaseAsync(DatabaseName);
        }
    }

    private static IEnumerable<string> EmulatorArgs(LocalClusterSettings settings) =>
        settings.DurableEmulator
            ? ["--port", settings.EmulatorPort.ToString(), "--data-dir", settings.EmulatorDataDirectory]
            : ["--port", "0"];

    private static async Task<string> EmulatorUriAsync(ChildProcess emulator)
    {
        var line = await emulator.WaitForLineAsync(l => l.Contains("mongodb://"), StartTimeout);
        return line[line.IndexOf("mongodb://", StringComparison.Ordinal)..].Split(' ')[0].Trim();
    }

    private void DeleteDataDirectory()
    {
        if (_settings.DurableEmulator && Directory.Exists(_settings.EmulatorDataDirectory))
        {
            Directory.Delete(_settings.EmulatorDataDirectory, recursive: true);
        }
    }
}
