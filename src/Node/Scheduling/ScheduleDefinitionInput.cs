using System.Text.Json.Serialization;

namespace HaScheduler.Node.Scheduling;

/// <summary>
/// The <c>definition</c> object of a create or update request, exactly as the user sent it. Everything is a
/// string so that <see cref="ScheduleValidator"/>, not the JSON reader, decides what is acceptable and can
/// report it per field (e.g. a time without an offset).
/// </summary>
public sealed class ScheduleDefinitionInput
{
    [JsonPropertyName("cron_expression")]
    public string? CronExpression { get; set; }

    [JsonPropertyName("time_zone")]
    public string? TimeZone { get; set; }

    [JsonPropertyName("interval")]
    public string? Interval { get; set; }

    [JsonPropertyName("times")]
    public List<string?>? Times { get; set; }
}
