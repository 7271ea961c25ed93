namespace HaScheduler.Node.Storage;

/// <summary>
/// DI singleton through which <see cref="MongoLease"/> publishes the fencing token to the rest of the node
/// (scheduler, status endpoint). Readers get an immutable snapshot; no locks.
/// </summary>
public sealed class LeaseState
{
    private volatile LeaseSnapshot current = LeaseSnapshot.None;
    private volatile Func<bool>? check;

    public LeaseSnapshot Current => current;

    /// <summary>The epoch of the lease this node holds, or null when it holds none.</summary>
    public long? Epoch => current.Epoch;

    public bool IsHeld => current.IsHeld;

    public string? Holder => current.Holder;

    public DateTimeOffset? AcquiredAt => current.AcquiredAt;

    public DateTimeOffset? RenewedAt => current.RenewedAt;

    /// <summary>
    /// Same answer as the holding lease's <c>CheckLease()</c>: held and still inside the time budget measured
    /// on this node's monotonic clock. Ask it right before an irreversible step.
    /// </summary>
    public bool CheckLease() => check?.Invoke() ?? false;

    internal void Publish(LeaseSnapshot snapshot, Func<bool>? checkLease)
    {
        check = checkLease;
        current = snapshot;
    }
}
