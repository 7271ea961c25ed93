using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.Wire;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>Routes a decoded request to its handler and wraps the outcome in MongoDB's reply envelope.</summary>
internal sealed class CommandDispatcher
{
    private static readonly HashSet<string> LegacyAllowed = new(StringComparer.Ordinal)
    {
        "hello", "isMaster", "ismaster", "buildInfo", "buildinfo", "getLastError", "saslStart", "saslContinue",
    };

    private static readonly HashSet<string> WriteCommands = new(StringComparer.Ordinal)
    {
        "insert", "update", "delete", "findAndModify", "findandmodify", "createIndexes", "drop", "dropDatabase",
        "create", "dropIndexes",
    };

    private static readonly HashSet<string> RetryableCommands = new(StringComparer.Ordinal)
    {
        "insert", "update", "delete", "findAndModify", "findandmodify",
    };

    private readonly Dictionary<string, CommandHandler> _handlers = new(StringComparer.Ordinal);
    private readonly EmulatorState _state;

    public CommandDispatcher(EmulatorState state)
    {
        _state = state;
        AdminCommands.Register(_handlers);
        WriteCommandHandlers.Register(_handlers);
        QueryCommands.Register(_handlers);
        FindAndModifyCommand.Register(_handlers);
        IndexCommands.Register(_handlers);
        CollectionCommands.Register(_handlers);
        AggregateCommand.Register(_handlers);
    }

    public async ValueTask<CommandResult> ExecuteAsync(WireRequest request, int connectionId, CancellationToken ct)
    {
        var name = request.CommandName;
        var context = new CommandContext(_state, request.Command, request.Database, connectionId, ct);
        var point = _state.FailPoints.Take(name);
        BsonDocument reply;
        if (request.IsLegacyQuery && !LegacyAllowed.Contains(name))
        {
            reply = Replies.Error(new MongoCommandError(352, "UnsupportedOpQueryCommand",
                $"Unsupported OP_QUERY command: {name}. The client driver may require an upgrade."));
        }
        else if (request.HasOversizedDocument)
        {
            reply = Replies.Error(new MongoCommandError(10334, "BSONObjectTooLarge",
                $"object to insert too large. size limit: {WireConstants.MaxBsonObjectSize}"));
        }
        else if (point is not null && await InjectAsync(point, context) is { } injected)
        {
            if (injected.CloseConnection) return injected;
            reply = injected.Reply!;
        }
        else
        {
            reply = await RunAsync(name, context);
            if (point?.WriteConcernError is { } forced) reply["writeConcernError"] = forced;
            if (point?.CloseConnectionAfterApply == true) return CommandResult.Close;
        }

        var clusterTime = _state.Store.Clock.Current;
        Replies.Finish(reply, context.OperationTime ?? clusterTime, clusterTime);
        return new CommandResult(request.MoreToCome ? null : reply, false);
    }

    private async ValueTask<BsonDocument> RunAsync(string name, CommandContext context)
    {
        if (!_handlers.TryGetValue(name, out var handler))
        {
            return Replies.Error(new MongoCommandError(59, "CommandNotFound", $"no such command: '{name}'"));
        }

        var retryKey = RetryableCommands.Contains(name) ? RetryableWriteCache.KeyOf(context.Command) : null;
        if (retryKey is not null && _state.RetryCache.Get(retryKey) is { } previous) return previous.DeepClone().AsBsonDocument;
        BsonDocument reply;
        try
        {
            reply = await handler(context);
        }
        catch (MongoCommandError error)
        {
            return Replies.Error(error);
        }
        catch (NotImplementedException error)
        {
            return Replies.Error(MongoCommandError.NotImplemented($"{name}: {error.Message}"));
        }
        catch (Exception error) when (error is InvalidCastException or ArgumentException or KeyNotFoundException
            or FormatException or InvalidOperationException or OverflowException)
        {
            // Malformed command fields surface from BsonValue casts; report them, keep the connection.
            return Replies.Error(MongoCommandError.BadValue($"{name}: {error.Message}"));
        }

        if (WriteCommands.Contains(name) && WriteConcern.ErrorFor(context.Command) is { } concernError)
        {
            reply["writeConcernError"] = concernError;
        }

        if (retryKey is not null) _state.RetryCache.Put(retryKey, reply.DeepClone().AsBsonDocument);
        return reply;
    }

    private async ValueTask<CommandResult?> InjectAsync(FailPoint point, CommandContext context)
    {
        if (point.Block is { } block)
        {
            var maxTime = context.Int64("maxTimeMS", 0);
            if (maxTime > 0 && maxTime < block.TotalMilliseconds && context.Name != "getMore")
            {
                await Task.Delay(TimeSpan.FromMilliseconds(maxTime), context.Cancellation);
                return new CommandResult(Replies.Error(new MongoCommandError(50, "MaxTimeMSExpired",
                    "operation exceeded time limit")), false);
            }

            await Task.Delay(block, context.Cancellation);
        }

        if (point.CloseConnection) return CommandResult.Close;
        if (point.ErrorCode is not { } code) return null;
        var extra = point.ErrorLabels is null ? null : new BsonDocument("errorLabels", point.ErrorLabels);
        var error = new MongoCommandError(code, Replies.CodeName(code), "Failing command via 'failCommand' failpoint",
            extra);
        return new CommandResult(Replies.Error(error), false);
    }
}
