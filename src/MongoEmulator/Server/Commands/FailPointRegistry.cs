using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>The active <c>failCommand</c> configuration and how many more times it fires.</summary>
internal sealed class FailPointRegistry
{
    private readonly Lock _gate = new();
    private FailPoint? _active;
    private int? _remaining;

    public void Configure(BsonDocument command)
    {
        var name = command[0].IsString ? command[0].AsString : "";
        if (name != "failCommand") throw MongoCommandError.BadValue($"unknown fail point: {name}");
        var mode = command.GetValue("mode", "off");
        var data = command.GetValue("data", new BsonDocument()).AsBsonDocument;
        lock (_gate)
        {
            switch (mode)
            {
                case BsonString { Value: "off" }:
                    _active = null;
                    break;
                case BsonString { Value: "alwaysOn" }:
                    _active = FailPoint.Parse(data);
                    _remaining = null;
                    break;
                case BsonDocument times when times.TryGetValue("times", out var n) && n.IsNumeric:
                    _active = FailPoint.Parse(data);
                    _remaining = n.ToInt32();
                    break;
                default:
                    throw MongoCommandError.BadValue($"unsupported fail point mode: {mode}");
            }
        }
    }

    /// <summary>The fail point to apply to this command, consuming one activation.</summary>
    public FailPoint? Take(string commandName)
    {
        lock (_gate)
        {
            if (_active is null || !_active.Commands.Contains(commandName)) return null;
            var point = _active;
            if (_remaining is not null && --_remaining <= 0) _active = null;
            return point;
        }
    }
}
