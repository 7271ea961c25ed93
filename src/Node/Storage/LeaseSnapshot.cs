namespace HaScheduler.Node.Storage;

/// <summary>
/// What this node knows about its lease. <see cref="Epoch"/> is the fencing token and is only set while held.
/// Times come from the lease document, i.e. from the database's clock.
/// </summary>
public sealed record LeaseSnapshot(
    string? LeaseName,
    string? Holder,
    long? Epoch,
    bool IsHeld,
    DateTimeOffset? AcquiredAt,
    DateTimeOffset? RenewedAt)
{
    public static LeaseSnapshot None { get; } = new(null, null, null, false, null, null);
}
