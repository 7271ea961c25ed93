using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using HaScheduler.Messages.Cluster;
using HaScheduler.Messages.Scheduler;
using HaScheduler.Node.Hosting;
using HaScheduler.Node.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HaScheduler.Node.ClusterAdmin;

/// <summary>
/// Admin actions served by every node (issue #6): graceful leave, down, down-unreachable and scheduler
/// handover. All require the admin token (<see cref="AdminTokenFilter"/>); reads stay on
/// <c>GET /cluster/status</c>. Cluster changes are asynchronous, so actions answer 202 and point at the status.
/// </summary>
public static class AdminActionEndpoints
{
    public const string RoutePrefix = "/admin";
    public const string Tag = "admin";
    public const string LeaveMemberName = "AdminLeaveMember";
    private const string StatusLocation = "/cluster/status";

    /// <summary>Binds and validates <see cref="AdminOptions"/> (section <c>HaScheduler:Admin</c>).</summary>
    public static IServiceCollection AddAdminActions(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AdminOptions>()
            .Bind(config.GetSection(AdminOptions.Section))
            .Validate(
                o => !o.ActionsEnabled || o.Token!.Length >= AdminOptions.MinimumTokenLength,
                $"HaScheduler:Admin:Token must be at least {AdminOptions.MinimumTokenLength} characters")
            .Validate(
                o => !o.ActionsEnabled || !o.Token!.Any(char.IsWhiteSpace),
                "HaScheduler:Admin:Token must not contain white space")
            .Validate(o => o.AskTimeout > TimeSpan.Zero, "HaScheduler:Admin:AskTimeout must be positive")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Maps the <c>/admin</c> actions behind the admin token.</summary>
    public static IEndpointRouteBuilder MapAdminActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(RoutePrefix)
            .WithTags(Tag)
            .AddEndpointFilter<AdminTokenFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/members/{address}/leave", Leave)
            .WithName(LeaveMemberName)
            .WithSummary("Asks a member to leave the cluster gracefully (its singletons hand over first)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/members/{address}/down", Down)
            .WithName("AdminDownMember")
            .WithSummary("Marks a member down: for a member that is gone and will not come back")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/down-unreachable", DownUnreachable)
            .WithName("AdminDownUnreachable")
            .WithSummary("Marks down every member this node sees as unreachable");

        group.MapPost("/scheduler/handover", HandoverAsync)
            .WithName("AdminSchedulerHandover")
            .WithSummary("Moves the scheduler: the member hosting it leaves gracefully")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static Results<Accepted<MemberActionResponse>, ProblemHttpResult> Leave(
        string address, ActorSystem system) =>
        OnMember(address, system, "leave", (cluster, member) => cluster.Leave(member.Address));

    private static Results<Accepted<MemberActionResponse>, ProblemHttpResult> Down(
        string address, ActorSystem system) =>
        OnMember(address, system, "down", (cluster, member) => cluster.Down(member.Address));

    private static Ok<DownUnreachableResponse> DownUnreachable(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        var unreachable = cluster.State.Unreachable.ToArray();
        foreach (var member in unreachable)
        {
            cluster.Down(member.Address);
        }

        return TypedResults.Ok(new DownUnreachableResponse(
            unreachable.Select(member => NodeIdentity.Format(member.Address)).ToArray()));
    }

    private static async Task<Results<Accepted<HandoverResponse>, ProblemHttpResult>> HandoverAsync(
        ActorSystem system, IRequiredActor<SchedulerActor> scheduler, IOptions<AdminOptions> options,
        HttpContext http)
    {
        SchedulerStatusResponse status;
        try
        {
            // REVIEW: ClusterAdminEndpoints asks the same question; one shared query would keep them aligned.
            var proxy = await scheduler.GetAsync(http.RequestAborted);
            status = await proxy.Ask<SchedulerStatusResponse>(
                GetSchedulerStatus.Instance, options.Value.AskTimeout, http.RequestAborted);
        }
        catch (AskTimeoutException)
        {
            return AdminProblems.SchedulerUnavailable();
        }

        var cluster = Cluster.Get(system);
        var state = cluster.State;
        var host = state.Members.FirstOrDefault(m => NodeIdentity.Format(m.Address) == status.Node);
        if (host is null)
        {
            return AdminProblems.SchedulerUnavailable();
        }

        var successor = state.Members
            .Where(m => m != host && m.Status == MemberStatus.Up && !state.Unreachable.Contains(m))
            .OrderBy(m => m, Member.AgeOrdering)
            .FirstOrDefault();
        if (successor is null)
        {
            return AdminProblems.NoSuccessor(status.Node);
        }

        // Leaving makes the singleton manager hand over to the next oldest member; the lease then moves
        // with a higher epoch, which fences anything the old host still has in flight.
        cluster.Leave(host.Address);
        return TypedResults.Accepted(
            StatusLocation,
            new HandoverResponse(status.Node, status.Epoch, NodeIdentity.Format(successor.Address)));
    }

    private static Results<Accepted<MemberActionResponse>, ProblemHttpResult> OnMember(
        string address, ActorSystem system, string action, Action<Cluster, Member> apply)
    {
        if (!MemberAddress.TryParse(address, out var parsed))
        {
            return AdminProblems.InvalidAddress(address);
        }

        var cluster = Cluster.Get(system);
        var member = MemberAddress.Find(cluster, parsed);
        if (member is null)
        {
            return AdminProblems.UnknownMember(address);
        }

        apply(cluster, member);
        return TypedResults.Accepted(
            StatusLocation,
            new MemberActionResponse(action, NodeIdentity.Format(member.Address), MemberAddress.StatusOf(member)));
    }
}
