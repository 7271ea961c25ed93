using System.Net.Http.Json;
using System.Text.Json;

namespace HaScheduler.Cluster.Tests.Harness;

/// <summary>One node process of a <see cref="LocalCluster"/> and an HTTP client pointed at it.</summary>
internal sealed class NodeHandle(int index, int httpPort, int remotePort) : IAsyncDisposable
{
    public int Index { get; } = index;

    public int HttpPort { get; } = httpPort;

    public int RemotePort { get; } = remotePort;

    /// <summary>The name the node signs runs with.</summary>
    public string Name => $"127.0.0.1:{RemotePort}";

    private readonly List<ChildProcess> _history = [];
    private ChildProcess? _process;

    /// <summary>The current process; every process started for this node stays in <see cref="AllLines"/>.</summary>
    public ChildProcess? Process
    {
        get => _process;
        set
        {
            if (value is not null)
            {
                _history.Add(value);
            }

            _process = value;
        }
    }

    /// <summary>Every process started for this node, oldest first.</summary>
    public IReadOnlyList<ChildProcess> Processes => _history.ToArray();

    /// <summary>Output of every process this node has had (a killed one included), oldest first.</summary>
    public IReadOnlyList<string> AllLines => _history.SelectMany(p => p.Lines).ToArray();

    public bool IsRunning => _process is { HasExited: false };

    public HttpClient Http { get; } = new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"),
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<JsonElement> StatusAsync()
    {
        var doc = await Http.GetFromJsonAsync<JsonElement>("/cluster/status");
        return doc;
    }

    /// <summary>The node that hosts the scheduler according to this node, or null.</summary>
    public async Task<string?> SchedulerNodeAsync()
    {
        var status = await StatusAsync();
        return status.TryGetProperty("scheduler", out var s) && s.ValueKind == JsonValueKind.Object
            ? s.GetProperty("node").GetString()
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var process in _history)
        {
            await process.DisposeAsync();
        }
    }
}
