namespace HaScheduler.Cluster.Tests.Harness;

/// <summary>How a <see cref="LocalCluster"/> runs its processes; the defaults are the plain end-to-end setup.</summary>
internal sealed class LocalClusterSettings
{
    /// <summary>
    /// Emulator on a fixed free port with a data directory, so it can be killed and restarted with its data
    /// (a MongoDB outage). Off: an in-memory emulator on port 0.
    /// </summary>
    public bool DurableEmulator { get; init; }

    public int EmulatorPort { get; init; } = FreePorts.Next();

    public string EmulatorDataDirectory { get; init; } =
        Path.Combine(Path.GetTempPath(), "hs-emulator-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Extra or overriding environment variables for every node process.</summary>
    public IReadOnlyDictionary<string, string> NodeEnvironment { get; init; } = new Dictionary<string, string>();
}
