using System.Globalization;

namespace HaScheduler.EmulatorBench;

/// <summary>One scenario's latency distribution (ms) and its throughput over the measured window.</summary>
public sealed record LatencySummary(
    int Count, double OpsPerSecond, double P50, double P99, double P999, double Max, double Min)
{
    public const string Header =
        "| scenario | ops | ops/s | p50 ms | p99 ms | p99.9 ms | max ms "
        + "| client CPU µs/op | server CPU µs/op |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|";

    /// <summary>CPU of the bench process per measured operation (includes the in-process server).</summary>
    public double? ClientCpuMicros { get; init; }

    /// <summary>CPU of a separate server process per measured operation (needs --server-pid).</summary>
    public double? ServerCpuMicros { get; init; }

    public string ToRow(string name) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Count} | {OpsPerSecond:F0} | {P50:F3} | {P99:F3} | {P999:F3} | {Max:F3} | "
        + $"{Format(ClientCpuMicros)} | {Format(ServerCpuMicros)} |");

    private static string Format(double? micros) =>
        micros is { } value ? value.ToString("F1", CultureInfo.InvariantCulture) : "-";
}
