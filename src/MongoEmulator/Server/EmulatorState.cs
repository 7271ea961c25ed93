using HaScheduler.MongoEmulator.Server.ChangeStreams;
using HaScheduler.MongoEmulator.Server.Commands;
using HaScheduler.MongoEmulator.Server.Storage;

namespace HaScheduler.MongoEmulator.Server;

/// <summary>Everything one emulator instance shares across connections (and across in-process restarts).</summary>
internal sealed class EmulatorState
{
    private int _nextConnectionId;

    public EmulatorState(MongoEmulatorOptions options)
    {
        Options = options;
        var clock = new LogicalClock();
        Store = new DataStore(clock, new ChangeHistory(Math.Max(1, options.ChangeHistoryLimit)));
        Store.History.Reset(clock.Current);
    }

    public MongoEmulatorOptions Options { get; }

    public DataStore Store { get; }

    public CursorRegistry Cursors { get; } = new();

    public FailPointRegistry FailPoints { get; } = new();

    public RetryableWriteCache RetryCache { get; } = new(10_000);

    /// <summary>The host:port advertised in hello (hosts, primary, me).</summary>
    public string AdvertisedAddress { get; set; } = "";

    public int NextConnectionId() => Interlocked.Increment(ref _nextConnectionId);
}
