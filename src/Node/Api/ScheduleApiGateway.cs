using Akka.Actor;
using Akka.Hosting;
using HaScheduler.Messages;
using HaScheduler.Messages.Api;
using Microsoft.Extensions.Options;

namespace HaScheduler.Node.Api;

/// <summary>What every endpoint needs: the HTTP actor behind a bounded Ask, the options, the clock.</summary>
internal sealed class ScheduleApiGateway(
    IRequiredActor<ScheduleApiActor> actor, IOptions<ScheduleApiOptions> options, TimeProvider clock,
    ILogger<ScheduleApiGateway> logger)
{
    public ScheduleApiOptions Options { get; } = options.Value;

    /// <summary>
    /// Asks the HTTP actor. Cancelled with the request (<paramref name="requestAborted"/>); an Ask that
    /// runs out of time is answered as storage unavailable, since a slow store is by far the likeliest cause.
    /// </summary>
    public async Task<IScheduleApiReply> AskAsync(object command, CancellationToken requestAborted)
    {
        var actorRef = await actor.GetAsync(requestAborted);
        try
        {
            return await actorRef.Ask<IScheduleApiReply>(command, Options.AskTimeout, requestAborted);
        }
        catch (AskTimeoutException)
        {
            ApiLog.AskTimedOut(logger, command.GetType().Name, Options.AskTimeout);
            return new StorageUnavailableResponse("the HTTP actor did not answer in time");
        }
    }

    public ScheduleResource ToResource(Schedule schedule) =>
        ScheduleResource.From(schedule, clock.GetUtcNow());
}
