using HaScheduler.Node.Storage;

namespace HaScheduler.Node.Scheduling;

/// <summary>What every <see cref="ScheduleActor"/> of one scheduler incarnation shares.</summary>
/// <param name="Epoch">The lease epoch this incarnation fences its claims with.</param>
/// <param name="LeaseValid">True while the lease is certainly still held; checked before every claim.</param>
public sealed record ScheduleRuntime(
    IRunLedger Ledger,
    Func<bool> LeaseValid,
    ILogger Logger,
    SchedulingOptions Options,
    TimeProvider Clock,
    SchedulerMetrics Metrics,
    string Node,
    long Epoch);
