using HaScheduler.Cluster.Tests.Harness;

namespace HaScheduler.Cluster.Tests.Failover;

/// <summary>
/// The <c>schedule fired</c> lines of every process of every node, parsed incrementally: each call only reads
/// the lines written since the previous one, so polling it stays cheap over minutes of output.
/// </summary>
internal sealed class FiredLog(IReadOnlyList<NodeHandle> nodes)
{
    private readonly Dictionary<ChildProcess, int> _seen = [];
    private readonly List<FiredLine> _fired = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<FiredLine> Snapshot()
    {
        lock (_gate)
        {
            foreach (var process in nodes.SelectMany(n => n.Processes))
            {
                var seen = _seen.GetValueOrDefault(process);
                var fresh = process.Lines.Skip(seen).ToArray();
                _fired.AddRange(FiredLine.Parse(fresh));
                _seen[process] = seen + fresh.Length;
            }

            return _fired.ToArray();
        }
    }
}
