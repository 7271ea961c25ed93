using Akka.Actor.Setup;
using Akka.Hosting;
using Akka.Hosting.Coordination;
using HaScheduler.Node.Storage;

namespace HaScheduler.Node.Hosting;

/// <summary>Registers <see cref="MongoLease"/> as an Akka.Coordination lease implementation.</summary>
public sealed class MongoLeaseOption(LeaseOptions options) : LeaseOptionBase
{
    public const string Path = "hascheduler.mongo-lease";

    public override string ConfigPath => Path;

    public override Type Class => typeof(MongoLease);

    public override void Apply(AkkaConfigurationBuilder builder, Setup? setup = null)
    {
        // heartbeat-timeout is the lease's duration: a holder that has not renewed for that long
        // (judged by the database's clock) may be replaced.
        builder.AddHocon($"{Path} {{\n{options.ToHocon()}\n}}", HoconAddMode.Prepend);
    }
}
