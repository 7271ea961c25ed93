using System.Globalization;

namespace HaScheduler.EmulatorBench;

/// <summary>One scenario's distribution in milliseconds and its throughput over the measured window.</summary>
public sealed record LatencySummary(
    int Count, double OpsPerSecond, double P50, double P99, double P999, double Max, double Min)
{
    public const string Header =
        "| scenario | ops | ops/s | p50 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|";

    public string ToRow(string name) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Count} | {OpsPerSecond:F0} | {P50:F3} | {P99:F3} | {P999:F3} | {Max:F3} |");
}
