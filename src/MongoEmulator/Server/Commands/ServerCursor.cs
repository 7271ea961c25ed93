namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>A server-global cursor: any connection may continue or kill it (the driver pools them).</summary>
internal abstract class ServerCursor(long id, string ns)
{
    public long Id { get; } = id;

    public string Namespace { get; } = ns;

    public DateTime LastUsedUtc { get; set; } = DateTime.UtcNow;

    /// <summary>Serializes concurrent getMores on one cursor (a client bug, but must not corrupt state).</summary>
    public SemaphoreSlim InUse { get; } = new(1, 1);
}
