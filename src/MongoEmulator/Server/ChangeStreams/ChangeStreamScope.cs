namespace HaScheduler.MongoEmulator.Server.ChangeStreams;

/// <summary>What a change stream watches: one collection, one database, or the whole deployment.</summary>
internal sealed record ChangeStreamScope(string? Database, string? Collection)
{
    private static readonly HashSet<string> InternalDatabases = ["admin", "config", "local"];

    public bool Includes(ChangeEvent change)
    {
        if (Database is null) return !InternalDatabases.Contains(change.Database);
        if (change.Database != Database) return false;
        if (Collection is null)
        {
            return change.Collection is null
                || !change.Collection.StartsWith("system.", StringComparison.Ordinal);
        }
        return change.Collection == Collection;
    }

    /// <summary>Events after which this stream is invalidated (and its cursor closed).</summary>
    public bool IsInvalidatedBy(ChangeEvent change) =>
        (Collection is not null && change.OperationType == "drop")
        || (Collection is null && Database is not null && change.OperationType == "dropDatabase");

    public string CursorNamespace => Collection is not null
        ? $"{Database}.{Collection}"
        : $"{Database ?? "admin"}.$cmd.aggregate";
}
