using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using HaScheduler.Node.Hosting;

namespace HaScheduler.Node.ClusterAdmin;

/// <summary>A member named as <c>host:port</c>, the way <c>GET /cluster/status</c> shows it.</summary>
internal static class MemberAddress
{
    private const string Protocol = "akka.tcp";

    /// <summary>Parses <c>host:port</c> into <c>akka.tcp://hascheduler@host:port</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Address? address)
    {
        address = null;

        // The last colon splits, so a bracketed IPv6 host keeps its own colons.
        var colon = text.LastIndexOf(':');
        if (colon <= 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        address = new Address(Protocol, ClusterNodeOptions.ActorSystemName, text[..colon], port);
        return true;
    }

    /// <summary>The member with <paramref name="address"/>'s host and port, in this node's view.</summary>
    public static Member? Find(Cluster cluster, Address address) =>
        cluster.State.Members.FirstOrDefault(member =>
            member.Address.Port == address.Port
            && string.Equals(member.Address.Host, address.Host, StringComparison.OrdinalIgnoreCase));

    public static string StatusOf(Member member) => member.Status.ToString().ToLowerInvariant();
}
