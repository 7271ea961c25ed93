using System.Diagnostics;

namespace HaScheduler.Node.Tests.Support;

/// <summary>
/// A monotonic clock that moves only when told to, and whose timers never fire: code on this clock behaves
/// like a process that was paused (SIGSTOP) until <see cref="Advance"/> wakes it. Wall-clock time is real.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long timestamp = Stopwatch.GetTimestamp();

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => Interlocked.Read(ref timestamp);

    public void Advance(TimeSpan by) =>
        Interlocked.Add(ref timestamp, (long)(by.TotalSeconds * Stopwatch.Frequency));

    public override ITimer CreateTimer(
        TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

    private sealed class NeverFires : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
