namespace HaScheduler.Node.Storage;

/// <summary>Fields of a <c>leases</c> document.</summary>
internal static class LeaseFields
{
    public const string Id = "_id";
    public const string Holder = "holder";
    public const string Epoch = "epoch";
    public const string AcquiredAt = "acquired_at";
    public const string RenewedAt = "renewed_at";
    public const string ExpiresAt = "expires_at";
    public const string DurationMs = "duration_ms";
    public const string Transitions = "transitions";
}
