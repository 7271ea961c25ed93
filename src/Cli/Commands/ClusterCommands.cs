using System.CommandLine;
using HaScheduler.Cli.Rendering;
using HaScheduler.Messages.Cluster;

namespace HaScheduler.Cli.Commands;

/// <summary><c>cluster show|leader|leave|down|down-unreachable</c>.</summary>
public static class ClusterCommands
{
    public const string StatusPath = "/cluster/status";

    public static Command Create(CliActions actions)
    {
        var show = new Command("show", "Members, leader, scheduler and lease, as the node sees them");
        show.SetAction(actions.Run(async (session, _, ct) =>
            session.Show<ClusterStatusResponse>(
                await session.Api.GetAsync(StatusPath, ct), ClusterRenderer.Show)));

        var leader = new Command("leader", "Who leads the cluster, runs the scheduler and holds the lease");
        leader.SetAction(actions.Run(async (session, _, ct) =>
            session.Show<ClusterStatusResponse>(
                await session.Api.GetAsync(StatusPath, ct), ClusterRenderer.Leader)));

        return new Command("cluster", "Cluster membership")
        {
            show,
            leader,
            MemberAction(actions, "leave", "Asks a member to leave gracefully (admin token)"),
            MemberAction(actions, "down", "Marks a member down: only for one that is gone for good (admin token)"),
            DownUnreachable(actions),
        };
    }

    private static Command MemberAction(CliActions actions, string action, string description)
    {
        var address = CommandArguments.MemberAddress();
        var command = new Command(action, description) { address };
        command.SetAction(actions.Run(async (session, parsed, ct) =>
        {
            var path = $"/admin/members/{CommandArguments.Segment(parsed.GetRequiredValue(address))}/{action}";
            session.Show<MemberActionResponse>(
                await session.Api.PostActionAsync(path, ct), ClusterRenderer.MemberAction);
        }));
        return command;
    }

    private static Command DownUnreachable(CliActions actions)
    {
        var command = new Command(
            "down-unreachable", "Marks down every member the node sees as unreachable (admin token)");
        command.SetAction(actions.Run(async (session, _, ct) => session.Show<DownUnreachableResponse>(
            await session.Api.PostActionAsync("/admin/down-unreachable", ct), ClusterRenderer.DownUnreachable)));
        return command;
    }
}
