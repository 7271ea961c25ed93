using Akka.Actor;
using Akka.Cluster;

namespace HaScheduler.Node.Hosting;

/// <summary>The name this node signs runs and log events with: its cluster address as <c>host:port</c>.</summary>
public static class NodeIdentity
{
    public static string Of(ActorSystem system) => Format(Cluster.Get(system).SelfAddress);

    public static string Format(Address address) => $"{address.Host}:{address.Port}";
}
