namespace HaScheduler.Messages;

/// <summary>Stable wire names of <see cref="ScheduleType"/>.</summary>
public static class ScheduleTypes
{
    public const string Cron = "cron";
    public const string Duration = "duration";
    public const string AtTimes = "at_times";

    public static string ToWire(ScheduleType type) => type switch
    {
        ScheduleType.Cron => Cron,
        ScheduleType.Duration => Duration,
        ScheduleType.AtTimes => AtTimes,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? wire, out ScheduleType type)
    {
        switch (wire)
        {
            case Cron: type = ScheduleType.Cron; return true;
            case Duration: type = ScheduleType.Duration; return true;
            case AtTimes: type = ScheduleType.AtTimes; return true;
            default: type = default; return false;
        }
    }
}
