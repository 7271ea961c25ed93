using System.Globalization;

namespace HaScheduler.EmulatorBench;

/// <summary>Command-line settings; every run is bounded by these durations and counts.</summary>
public sealed class BenchOptions
{
    public const string Usage =
        "Usage: EmulatorBench [--seconds 10] [--warmup 2] [--clients 8] [--uri mongodb://...] "
        + "[--scenario insert|find|fam|crud|changes|index|all] [--events 2000] [--event-rate 200]"
        + " [--docs 100000] [--server-pid PID] [--client driver|raw] [--raw-session]";

    /// <summary>Measured time per throughput scenario.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured time before each throughput scenario (JIT, pool fill, tiering).</summary>
    public TimeSpan WarmUp { get; private set; } = TimeSpan.FromSeconds(2);

    public int Clients { get; private set; } = 8;

    /// <summary>An external server; null starts the emulator in this process on 127.0.0.1, port 0.</summary>
    public string? Uri { get; private set; }

    public string Scenario { get; private set; } = "all";

    /// <summary>Upper bound on change events written by the change-stream scenario.</summary>
    public int Events { get; private set; } = 2000;

    /// <summary>Inserts per second of the change-stream writer (moderate, not saturating).</summary>
    public int EventRate { get; private set; } = 200;

    /// <summary>Collection size for the indexed-lookup scenario.</summary>
    public int Docs { get; private set; } = 100_000;

    /// <summary>Pid of a separate server process whose CPU per operation is reported (Linux /proc).</summary>
    public int? ServerPid { get; private set; }

    /// <summary>
    /// "driver": MongoDB.Driver, what an application sees. "raw": a minimal OP_MSG client, one blocking
    /// loopback socket per client (insert, find and fam only), to measure the server's own capacity.
    /// </summary>
    public string Client { get; private set; } = "driver";

    /// <summary>
    /// Raw client only: add an lsid to every command and a txnNumber to writes, as MongoDB.Driver does
    /// with its implicit sessions and retryable writes (the server then also caches each write's reply).
    /// </summary>
    public bool RawSession { get; private set; }

    public bool Runs(string scenario) => Scenario == "all" || Scenario == scenario
        || (Scenario == "crud" && scenario is "insert" or "find" or "fam");

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        var options = new BenchOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--seconds" when TryDouble(value, out var s):
                    options.Duration = TimeSpan.FromSeconds(s);
                    i++;
                    break;
                case "--warmup" when TryDouble(value, out var w):
                    options.WarmUp = TimeSpan.FromSeconds(w);
                    i++;
                    break;
                case "--clients" when TryInt(value, out var c) && c > 0: options.Clients = c; i++; break;
                case "--uri" when value is not null: options.Uri = value; i++; break;
                case "--scenario" when value is not null: options.Scenario = value; i++; break;
                case "--events" when TryInt(value, out var e) && e > 0: options.Events = e; i++; break;
                case "--event-rate" when TryInt(value, out var r) && r > 0: options.EventRate = r; i++; break;
                case "--server-pid" when TryInt(value, out var p): options.ServerPid = p; i++; break;
                case "--client" when value is "driver" or "raw": options.Client = value; i++; break;
                case "--raw-session": options.RawSession = true; break;
                case "--docs" when TryInt(value, out var d) && d >= 1000: options.Docs = d; i++; break;
                default:
                    error = $"unrecognised or invalid argument: {args[i]}";
                    return null;
            }
        }

        return options;
    }

    private static bool TryDouble(string? value, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && result > 0;

    private static bool TryInt(string? value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
}
