using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HaScheduler.Testing;
using MongoDB.Driver;

namespace HaScheduler.SchedulerBench;

/// <summary>
/// One emulator process and one node process on 127.0.0.1, started from the Release outputs.
/// </summary>
public sealed class TestBed : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TestBed(ProcessHost emulator, ProcessHost node, string connectionString, string baseUrl)
    {
        Emulator = emulator;
        Node = node;
        ConnectionString = connectionString;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Database = new MongoClient(connectionString).GetDatabase("hascheduler");
    }

    public ProcessHost Emulator { get; }

    public ProcessHost Node { get; }

    public string ConnectionString { get; }

    public HttpClient Http { get; }

    public IMongoDatabase Database { get; }

    public static async Task<TestBed> StartAsync(BenchOptions options, string name, bool debugApply)
    {
        Directory.CreateDirectory(options.WorkDir);
        var emulatorDll = Path.Combine(
            options.Repo, "src/MongoEmulator/bin/Release/net10.0/HaScheduler.MongoEmulator.dll");
        var nodeDll = Path.Combine(options.Repo, "src/Node/bin/Release/net10.0/HaScheduler.Node.dll");
        foreach (var dll in new[] { emulatorDll, nodeDll })
        {
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException("build Release first: dotnet build -c Release", dll);
            }
        }

        var emulator = ProcessHost.Start(
            emulatorDll, ["--port", "0", "--bind", "127.0.0.1"], new Dictionary<string, string>(),
            Path.Combine(options.WorkDir, $"{name}-emulator.log"));
        ProcessHost? node = null;
        try
        {
            var line = await emulator.WaitForLineAsync("mongodb://", TimeSpan.FromSeconds(30));
            var connectionString = line.Trim();
            var httpPort = ProcessHost.FreePort();
            var env = new Dictionary<string, string>
            {
                ["HaScheduler__Mongo__ConnectionString"] = connectionString,
                ["HaScheduler__Cluster__Port"] = "0",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
                ["Logging__Console__FormatterOptions__TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffffff ",
            };
            List<string> args = ["--urls", $"http://127.0.0.1:{httpPort}"];
            if (debugApply)
            {
                // Only the parent's apply event (EventId 2010); per-fire detail stays at its default level. A
                // command-line switch, not an environment variable: sh drops variables whose names hold dots.
                args.Add("--Logging:LogLevel:HaScheduler.Node.Scheduling.SchedulerActor=Debug");
            }

            else
            {
                // ASP.NET Core logs every request at Info without an appsettings.json; seeding 10k schedules
                // would spend its time there. The usual production setting, and not part of the fire path.
                args.Add("--Logging:LogLevel:Microsoft.AspNetCore=Warning");
            }

            node = ProcessHost.Start(nodeDll, args, env,
                Path.Combine(options.WorkDir, $"{name}-node.log"));
            var bed = new TestBed(emulator, node, connectionString, $"http://127.0.0.1:{httpPort}");
            await bed.WaitForSchedulerAsync(TimeSpan.FromSeconds(90));
            return bed;
        }
        catch
        {
            node?.Dispose();
            emulator.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The scheduler's view in <c>GET /cluster/status</c>, or null while it is not running.
    /// </summary>
    public async Task<JsonNode?> SchedulerStatusAsync()
    {
        var status = await Http.GetFromJsonAsync<JsonNode>("/cluster/status", Json);
        return status?["scheduler"];
    }

    private Task WaitForSchedulerAsync(TimeSpan timeout) => Eventually.WaitAsync(
        async () =>
        {
            if (Node.HasExited)
            {
                throw new InvalidOperationException($"node exited, see {Node.LogPath}");
            }

            var ready = await Http.GetAsync("/health/ready");
            return ready.IsSuccessStatusCode && await SchedulerStatusAsync() is { } s && s["node"] is not null;
        },
        timeout,
        $"a running scheduler (see {Node.LogPath})");

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        Node.Dispose();
        Emulator.Dispose();
        return ValueTask.CompletedTask;
    }
}
