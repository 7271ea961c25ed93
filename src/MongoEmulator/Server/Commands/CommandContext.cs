using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>One command being executed: its document, database and the shared server state.</summary>
internal sealed class CommandContext(EmulatorState state, BsonDocument command, string database, int connectionId,
    CancellationToken cancellation)
{
    public EmulatorState State { get; } = state;

    public BsonDocument Command { get; } = command;

    public string Database { get; } = database;

    public string Name => Command.GetElement(0).Name;

    public int ConnectionId { get; } = connectionId;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Cluster time of this command's last write; replies report it as operationTime.</summary>
    public BsonTimestamp? OperationTime { get; set; }

    /// <summary>The collection named by the command's first field (e.g. <c>{find: "jobs"}</c>).</summary>
    public string CollectionName
    {
        get
        {
            var value = Command[0];
            if (value is not BsonString name || name.Value.Length == 0)
            {
                throw new MongoCommandError(73, "InvalidNamespace",
                    $"collection name has invalid type {value.BsonType}");
            }

            return name.Value;
        }
    }

    public string FullName => $"{Database}.{CollectionName}";

    public BsonDocument? Document(string field) =>
        Command.TryGetValue(field, out var value) && value is BsonDocument document ? document : null;

    public long Int64(string field, long fallback) =>
        Command.TryGetValue(field, out var value) && value.IsNumeric ? value.ToInt64() : fallback;

    public bool Bool(string field, bool fallback = false) =>
        Command.TryGetValue(field, out var value) && !value.IsBsonNull ? value.ToBoolean() : fallback;

    /// <summary>One <c>$$NOW</c> per command, as MongoDB does.</summary>
    public ExpressionContext Expressions { get; } = new(NowMillis(), state.Store.Clock.Current);

    private static DateTime NowMillis()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}
