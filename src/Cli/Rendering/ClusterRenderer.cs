using HaScheduler.Messages.Cluster;
using Spectre.Console;

namespace HaScheduler.Cli.Rendering;

/// <summary>
/// Tables for <c>cluster show</c>, <c>cluster leader</c>, <c>scheduler status</c> and the actions.
/// </summary>
public static class ClusterRenderer
{
    public static void Show(IAnsiConsole console, ClusterStatusResponse status)
    {
        console.Write(Summary(status));
        console.WriteLine();

        var members = Cells.Table("Address", "Status", "Up since", "Reachable", "Roles", "Version", "Notes");
        foreach (var member in status.Members)
        {
            members.AddRow(Cells.Of(
                member.Address,
                member.Status,
                Cells.Time(member.UpSince),
                member.Reachable ? "yes" : "NO",
                member.Roles.Count == 0 ? Cells.None : string.Join(",", member.Roles),
                member.AppVersion,
                Notes(status, member.Address)));
        }

        console.Write(members);
        if (status.Unreachable.Count > 0)
        {
            console.Write(new Text($"Unreachable: {string.Join(", ", status.Unreachable)}\n"));
        }

        Leases(console, status.Leases);
    }

    public static void Leader(IAnsiConsole console, ClusterStatusResponse status) =>
        console.Write(Summary(status));

    public static void Scheduler(IAnsiConsole console, ClusterStatusResponse status)
    {
        var s = status.Scheduler;
        console.Write(s is null
            ? Cells.Pairs(("Scheduler", "not running (failover in progress, or no lease held)"))
            : Cells.Pairs(
                ("Scheduler on", s.Node),
                ("Epoch", Cells.Number(s.Epoch)),
                ("Started at", Cells.Time(s.StartedAt)),
                ("Schedules", Cells.Number(s.Schedules)),
                ("Active schedule actors", Cells.Number(s.ActiveScheduleActors)),
                ("Fired last minute", Cells.Number(s.FiredLastMinute)),
                ("Skipped", Cells.Number(s.Skipped)),
                ("Last change applied", Cells.Time(s.LastChangeAppliedAt)),
                ("Oldest pending claim", Cells.Time(s.OldestPendingClaim))));
        Leases(console, status.Leases);
    }

    public static void MemberAction(IAnsiConsole console, MemberActionResponse result) =>
        console.Write(new Text(
            $"{result.Action} sent to {result.Address} (was {result.Status}); "
            + "follow it with 'hascheduler cluster show'\n"));

    public static void DownUnreachable(IAnsiConsole console, DownUnreachableResponse result) =>
        console.Write(new Text(result.Downed.Count == 0
            ? "no unreachable members; nothing downed\n"
            : $"downed: {string.Join(", ", result.Downed)}\n"));

    public static void Handover(IAnsiConsole console, HandoverResponse result) =>
        console.Write(new Text(
            $"handover started: {result.From} (epoch {Cells.Number(result.Epoch)}) is leaving; "
            + $"expected successor {result.ExpectedSuccessor}\n"));

    private static Grid Summary(ClusterStatusResponse status)
    {
        var lease = status.Leases.FirstOrDefault();
        return Cells.Pairs(
            ("Node", $"{status.Node} ({status.SelfStatus})"),
            ("Cluster leader", status.Leader ?? "none"),
            ("Scheduler on",
                status.Scheduler is { } s ? $"{s.Node} (epoch {Cells.Number(s.Epoch)})" : "not running"),
            ("Lease holder", lease is null
                ? "no lease"
                : $"{lease.Holder ?? "nobody"} (epoch {Cells.Number(lease.Epoch)}, "
                  + $"expires {Cells.Time(lease.ExpiresAt)})"));
    }

    private static void Leases(IAnsiConsole console, IReadOnlyList<LeaseView> leases)
    {
        if (leases.Count == 0)
        {
            console.Write(new Text("No lease documents.\n"));
            return;
        }

        var table = Cells.Table("Lease", "Holder", "Epoch", "Acquired", "Renewed", "Expires");
        foreach (var lease in leases)
        {
            table.AddRow(Cells.Of(
                lease.Name, lease.Holder, Cells.Number(lease.Epoch), Cells.Time(lease.AcquiredAt),
                Cells.Time(lease.RenewedAt), Cells.Time(lease.ExpiresAt)));
        }

        console.Write(table);
    }

    private static string Notes(ClusterStatusResponse status, string address)
    {
        var notes = new List<string>();
        if (address == status.Node)
        {
            notes.Add("self");
        }

        if (address == status.Leader)
        {
            notes.Add("leader");
        }

        if (address == status.Scheduler?.Node)
        {
            notes.Add("scheduler");
        }

        return notes.Count == 0 ? Cells.None : string.Join(", ", notes);
    }
}
