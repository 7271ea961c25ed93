using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using HaScheduler.Messages.Cluster;
using HaScheduler.Messages.Scheduler;
using HaScheduler.Node.Hosting;
using HaScheduler.Node.Scheduling;
using HaScheduler.Node.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using MongoDB.Driver;

namespace HaScheduler.Node.ClusterAdmin;

/// <summary>Cluster inspection and health endpoints, served by every node.</summary>
public static class ClusterAdminEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapClusterAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cluster/status", GetStatusAsync).WithName("GetClusterStatus").WithTags("cluster");
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" })).WithTags("health");
        app.MapGet("/health/ready", ReadyAsync).WithName("GetReadiness").WithTags("health");
        return app;
    }

    private static async Task<Ok<ClusterStatusResponse>> GetStatusAsync(
        ActorSystem system, IRequiredActor<SchedulerActor> scheduler, LeaseInfo leases, MemberUpTimes upTimes,
        CancellationToken ct)
    {
        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => NodeIdentity.Format(m.Address)).ToArray();
        var members = state.Members
            .Select(m => new MemberView(
                NodeIdentity.Format(m.Address), m.Status.ToString().ToLowerInvariant(), m.Roles.ToArray(),
                !state.Unreachable.Contains(m), m.AppVersion.ToString(), upTimes.Of(m.UniqueAddress)))
            .ToArray();

        return TypedResults.Ok(new ClusterStatusResponse(
            NodeIdentity.Format(cluster.SelfAddress),
            cluster.SelfMember.Status.ToString().ToLowerInvariant(),
            state.Leader is null ? null : NodeIdentity.Format(state.Leader),
            members,
            unreachable,
            await AskSchedulerAsync(scheduler, ct),
            await ReadLeasesAsync(leases, ct)));
    }

    private static async Task<SchedulerStatusResponse?> AskSchedulerAsync(
        IRequiredActor<SchedulerActor> scheduler, CancellationToken ct)
    {
        try
        {
            var proxy = await scheduler.GetAsync(ct);
            return await proxy.Ask<SchedulerStatusResponse>(GetSchedulerStatus.Instance, AskTimeout, ct);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            // No scheduler right now (failover in progress, or no lease): say so instead of failing.
            return null;
        }
    }

    private static async Task<IReadOnlyList<LeaseView>> ReadLeasesAsync(LeaseInfo leases, CancellationToken ct)
    {
        try
        {
            var documents = await leases.ReadAllAsync(limit: 10, ct);
            return documents
                .Select(l => new LeaseView(l.Name, l.Holder, l.Epoch, l.AcquiredAt, l.RenewedAt, l.ExpiresAt))
                .ToArray();
        }
        catch (Exception e) when (e is TimeoutException or MongoException)
        {
            return [];
        }
    }

    private static async Task<IResult> ReadyAsync(ActorSystem system, IScheduleStore store, CancellationToken ct)
    {
        var joined = Cluster.Get(system).SelfMember.Status == MemberStatus.Up;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        bool mongo;
        try
        {
            mongo = await store.PingAsync(timeout.Token);
        }
        catch (Exception e) when (e is TimeoutException or MongoException or OperationCanceledException)
        {
            mongo = false;
        }

        var body = new { status = joined && mongo ? "ready" : "not_ready", cluster_joined = joined, mongodb = mongo };
        return joined && mongo ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: 503);
    }
}
