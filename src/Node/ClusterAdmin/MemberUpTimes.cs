using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;

namespace HaScheduler.Node.ClusterAdmin;

/// <summary>
/// When each member was first seen <c>Up</c> by this node (Akka's <see cref="Member"/> carries no such time).
/// Members already up when this node joined are stamped at the moment it learnt of them, so the value reads
/// "up since at least". Filled by <see cref="MemberUpWatcher"/>, read by the status endpoint.
/// </summary>
public sealed class MemberUpTimes
{
    private readonly ConcurrentDictionary<UniqueAddress, DateTimeOffset> _upSince = new();

    public DateTimeOffset? Of(UniqueAddress member) => _upSince.TryGetValue(member, out var at) ? at : null;

    internal void Up(UniqueAddress member, DateTimeOffset at) => _upSince.TryAdd(member, at);

    internal void Removed(UniqueAddress member) => _upSince.TryRemove(member, out _);
}

/// <summary>Subscribes to membership events and keeps <see cref="MemberUpTimes"/> current.</summary>
public sealed class MemberUpWatcher : ReceiveActor
{
    public MemberUpWatcher(MemberUpTimes times, TimeProvider clock)
    {
        Receive<ClusterEvent.MemberUp>(up => times.Up(up.Member.UniqueAddress, clock.GetUtcNow()));
        Receive<ClusterEvent.MemberRemoved>(removed => times.Removed(removed.Member.UniqueAddress));
    }

    protected override void PreStart() => Cluster.Get(Context.System).Subscribe(
        Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
        typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
