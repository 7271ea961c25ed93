using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using HaScheduler.Messages.Scheduler;

namespace HaScheduler.Node.Hosting;

/// <summary>
/// The one serializer for messages that cross nodes (the singleton proxy forwards them): System.Text.Json
/// payloads with short, stable manifests, so renaming a CLR type never breaks a rolling upgrade.
/// </summary>
public sealed class MessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 4242;

    public static readonly Type[] Types = [typeof(GetSchedulerStatus), typeof(SchedulerStatusResponse)];

    private const string GetStatusManifest = "gss";
    private const string StatusManifest = "ssr";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        GetSchedulerStatus => GetStatusManifest,
        SchedulerStatusResponse => StatusManifest,
        _ => throw new ArgumentException($"cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        GetSchedulerStatus => [],
        SchedulerStatusResponse status => JsonSerializer.SerializeToUtf8Bytes(status),
        _ => throw new ArgumentException($"cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        GetStatusManifest => GetSchedulerStatus.Instance,
        StatusManifest => JsonSerializer.Deserialize<SchedulerStatusResponse>(bytes)
                          ?? throw new SerializationException("empty scheduler status"),
        _ => throw new SerializationException($"unknown manifest '{manifest}'"),
    };
}
