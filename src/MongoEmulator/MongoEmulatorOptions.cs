namespace HaScheduler.MongoEmulator;

/// <summary>Settings of one emulator instance; null durations mean the documented default.</summary>
public sealed class MongoEmulatorOptions
{
    /// <summary>TCP port; 0 picks a free port (read it back from <see cref="MongoEmulatorServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>Address to bind; loopback by default because the emulator has no authentication.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>Replica-set name advertised in hello (the driver checks it against <c>replicaSet=</c>).</summary>
    public string ReplicaSetName { get; init; } = "rs0";

    /// <summary>When set, committed writes are journaled here and replayed on start.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Change events retained for resuming; older resume points fail with code 286.</summary>
    public int ChangeHistoryLimit { get; init; } = 100_000;

    /// <summary>Idle cursors are reaped after this long (MongoDB: 10 minutes).</summary>
    public TimeSpan? CursorIdleTimeout { get; init; }

    /// <summary>How often the TTL monitor removes expired documents (MongoDB: 60 s; default here 1 s).</summary>
    public TimeSpan? TtlMonitorInterval { get; init; }

    /// <summary>Change-stream getMore wait when the driver sends no <c>maxTimeMS</c> (default 1 s).</summary>
    public TimeSpan? DefaultAwaitTime { get; init; }

    internal TimeSpan EffectiveCursorIdleTimeout => CursorIdleTimeout ?? TimeSpan.FromMinutes(10);

    internal TimeSpan EffectiveTtlInterval => TtlMonitorInterval ?? TimeSpan.FromSeconds(1);

    internal TimeSpan EffectiveAwaitTime => DefaultAwaitTime ?? TimeSpan.FromSeconds(1);
}
