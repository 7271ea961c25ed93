namespace HaScheduler.Node.Storage;

/// <summary>Bound from configuration section <c>HaScheduler:Mongo</c>.</summary>
public sealed class MongoOptions
{
    public const string Section = "HaScheduler:Mongo";

    /// <summary>Connection string; empty starts an in-process emulator (data in memory).</summary>
    public string? ConnectionString { get; set; }

    public string Database { get; set; } = "hascheduler";
}
