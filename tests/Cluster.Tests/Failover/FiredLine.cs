using System.Globalization;
using System.Text.RegularExpressions;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>One <c>schedule fired</c> action log line: the execution itself, as opposed to its ledger record.</summary>
internal sealed partial record FiredLine(string ScheduleId, DateTimeOffset Occurrence, string Node, long Epoch)
{
    public static IReadOnlyList<FiredLine> Parse(IEnumerable<string> lines) =>
        lines.Select(TryParse).OfType<FiredLine>().ToArray();

    public static FiredLine? TryParse(string line)
    {
        var match = Pattern().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var occurrence = DateTimeOffset.Parse(
            match.Groups["occurrence"].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new FiredLine(
            match.Groups["id"].Value,
            occurrence.ToUniversalTime(),
            match.Groups["node"].Value,
            long.Parse(match.Groups["epoch"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(
        @"schedule fired (?<id>\S+) .*occurrence=(?<occurrence>\S+) lateness_ms=\S+ "
        + @"node=(?<node>\S+) epoch=(?<epoch>\d+)")]
    private static partial Regex Pattern();
}
