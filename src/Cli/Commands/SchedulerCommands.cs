using System.CommandLine;
using HaScheduler.Cli.Rendering;
using HaScheduler.Messages.Cluster;

namespace HaScheduler.Cli.Commands;

/// <summary><c>scheduler status|handover</c>.</summary>
public static class SchedulerCommands
{
    public static Command Create(CliActions actions)
    {
        var status = new Command("status", "Where the scheduler runs, its epoch and counters, and the lease");
        status.SetAction(actions.Run(async (session, _, ct) => session.Show<ClusterStatusResponse>(
            await session.Api.GetAsync(ClusterCommands.StatusPath, ct), ClusterRenderer.Scheduler)));

        var handover = new Command(
            "handover", "Moves the scheduler: the member hosting it leaves the cluster gracefully (admin token)");
        handover.SetAction(actions.Run(async (session, _, ct) => session.Show<HandoverResponse>(
            await session.Api.PostActionAsync("/admin/scheduler/handover", ct), ClusterRenderer.Handover)));

        return new Command("scheduler", "The scheduler singleton") { status, handover };
    }
}
