using Akka.Actor;
using HaScheduler.Messages;
using HaScheduler.Messages.Api;
using HaScheduler.Node.Storage;
using Microsoft.Extensions.Options;

namespace HaScheduler.Node.Api;

/// <summary>
/// The HTTP actor: between the endpoints and MongoDB. It receives already validated commands, calls the
/// stores and answers each with an <see cref="IScheduleApiReply"/>.
/// </summary>
/// <remarks>
/// The actor holds no state, so every request runs as its own task whose result is piped straight to the
/// sender captured when the command arrived. The mailbox never waits for MongoDB: one slow or unreachable
/// server does not queue every other request behind it, and no router is needed for concurrency. Nothing in
/// the task touches the actor's context, which is why piping to the sender (not to self) is safe.
/// </remarks>
public sealed class ScheduleApiActor : ReceiveActor
{
    public const string ActorName = "schedule-api";

    private readonly IScheduleStore _schedules;
    private readonly IRunLedger _runs;
    private readonly ILogger<ScheduleApiActor> _logger;
    private readonly TimeSpan _operationTimeout;

    public ScheduleApiActor(
        IScheduleStore schedules, IRunLedger runs, IOptions<ScheduleApiOptions> options,
        ILogger<ScheduleApiActor> logger)
    {
        _schedules = schedules;
        _runs = runs;
        _logger = logger;

        // Past the endpoint's Ask timeout nobody reads the answer, so stop the storage call too.
        _operationTimeout = options.Value.AskTimeout;

        Receive<CreateSchedule>(command => Run(nameof(CreateSchedule), ct => Create(command, ct)));
        Receive<GetSchedule>(query => Run(nameof(GetSchedule), ct => Get(query, ct)));
        Receive<ListSchedules>(query => Run(nameof(ListSchedules), ct => ListPage(query, ct)));
        Receive<ReplaceSchedule>(command => Run(nameof(ReplaceSchedule), ct => Replace(command, ct)));
        Receive<DeleteSchedule>(command => Run(nameof(DeleteSchedule), ct => Delete(command, ct)));
        Receive<ListRuns>(query => Run(nameof(ListRuns), ct => ListRunPage(query, ct)));
    }

    private void Run(string operation, Func<CancellationToken, Task<IScheduleApiReply>> work) =>
        Execute(operation, work).PipeTo(Sender);

    private async Task<object> Execute(
        string operation, Func<CancellationToken, Task<IScheduleApiReply>> work)
    {
        using var timeout = new CancellationTokenSource(_operationTimeout);
        try
        {
            // Yield first so that even a store that completes synchronously never runs on the actor's thread.
            await Task.Yield();
            return await work(timeout.Token);
        }
        catch (Exception exception) when (StorageFailures.IsUnavailable(exception)
            || (exception is OperationCanceledException && timeout.IsCancellationRequested))
        {
            ApiLog.StorageUnavailable(_logger, exception, operation);
            return new StorageUnavailableResponse(exception.Message);
        }
        catch (Exception exception)
        {
            ApiLog.OperationFailed(_logger, exception, operation);
            return new Status.Failure(exception);
        }
    }

    private async Task<IScheduleApiReply> Create(CreateSchedule command, CancellationToken ct)
    {
        var schedule = await _schedules.CreateAsync(command.Spec, ct);
        var type = ScheduleTypes.ToWire(schedule.Spec.Type);
        ApiLog.ScheduleCreated(_logger, schedule.Id, type, schedule.Version);
        return new CreateScheduleResponse(schedule);
    }

    private async Task<IScheduleApiReply> Get(GetSchedule query, CancellationToken ct) =>
        await _schedules.GetAsync(query.Id, ct) is { } schedule
            ? new GetScheduleResponse(schedule)
            : new ScheduleNotFoundResponse(query.Id);

    private async Task<IScheduleApiReply> ListPage(ListSchedules query, CancellationToken ct)
    {
        // One more than asked tells whether another page exists without a second query.
        var found = await _schedules.ListAsync(query.Limit + 1, query.After, ct);
        var page = found.Take(query.Limit).ToList();
        var nextAfter = found.Count > query.Limit ? page[^1].Id : null;
        return new ListSchedulesResponse(page, nextAfter);
    }

    private async Task<IScheduleApiReply> Replace(ReplaceSchedule command, CancellationToken ct)
    {
        var result = await _schedules.ReplaceAsync(command.Id, command.Spec, command.ExpectedVersion, ct);
        switch (result)
        {
            case ReplaceResult.Replaced replaced:
                ApiLog.ScheduleReplaced(_logger, replaced.Schedule.Id, replaced.Schedule.Version);
                return new ReplaceScheduleResponse(replaced.Schedule);
            case ReplaceResult.VersionMismatch mismatch:
                return new VersionMismatchResponse(
                    command.Id, command.ExpectedVersion ?? 0, mismatch.CurrentVersion);
            default:
                return new ScheduleNotFoundResponse(command.Id);
        }
    }

    private async Task<IScheduleApiReply> Delete(DeleteSchedule command, CancellationToken ct)
    {
        var result = await _schedules.DeleteAsync(command.Id, command.ExpectedVersion, ct);
        switch (result)
        {
            case DeleteOutcome.Deleted deleted:
                // The scheduler learns of it from the change stream and owns the run ledger's state.
                ApiLog.ScheduleDeleted(_logger, deleted.Schedule.Id);
                return new DeleteScheduleResponse(deleted.Schedule);
            case DeleteOutcome.VersionMismatch mismatch:
                return new VersionMismatchResponse(
                    command.Id, command.ExpectedVersion ?? 0, mismatch.CurrentVersion);
            default:
                return new ScheduleNotFoundResponse(command.Id);
        }
    }

    private async Task<IScheduleApiReply> ListRunPage(ListRuns query, CancellationToken ct)
    {
        if (await _schedules.GetAsync(query.ScheduleId, ct) is null)
        {
            return new ScheduleNotFoundResponse(query.ScheduleId);
        }

        var found = await _runs.ListAsync(query.ScheduleId, query.Limit + 1, query.Before, ct);
        var page = found.Take(query.Limit).ToList();
        DateTimeOffset? nextBefore = found.Count > query.Limit ? page[^1].Occurrence : null;
        return new ListRunsResponse(page, nextBefore);
    }
}
