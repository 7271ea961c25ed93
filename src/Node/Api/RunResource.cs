using System.Text.Json.Serialization;
using HaScheduler.Messages;

namespace HaScheduler.Node.Api;

/// <summary>One occurrence of the run ledger; <c>status</c>: claimed|fired|failed|skipped|unknown.</summary>
public sealed record RunResource(
    DateTime Occurrence,
    DateTime? FiredAt,
    string Node,
    long Epoch,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    public static RunResource From(RunRecord run) => new(
        run.Occurrence.UtcDateTime,
        run.FiredAt?.UtcDateTime,
        run.Node,
        run.Epoch,
        ToWire(run.Status),
        run.Error);

    public static string ToWire(RunStatus status) => status switch
    {
        RunStatus.Claimed => "claimed",
        RunStatus.Fired => "fired",
        RunStatus.Failed => "failed",
        RunStatus.Skipped => "skipped",
        RunStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
