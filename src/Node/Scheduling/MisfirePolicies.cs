using HaScheduler.Messages;

namespace HaScheduler.Node.Scheduling;

/// <summary>Stable wire names of <see cref="MisfirePolicy"/> (JSON and MongoDB).</summary>
public static class MisfirePolicies
{
    public const string FireOnce = "fire_once";
    public const string FireAll = "fire_all";
    public const string Skip = "skip";

    public static string ToWire(MisfirePolicy policy) => policy switch
    {
        MisfirePolicy.FireOnce => FireOnce,
        MisfirePolicy.FireAll => FireAll,
        MisfirePolicy.Skip => Skip,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static bool TryParse(string? wire, out MisfirePolicy policy)
    {
        switch (wire)
        {
            case FireOnce: policy = MisfirePolicy.FireOnce; return true;
            case FireAll: policy = MisfirePolicy.FireAll; return true;
            case Skip: policy = MisfirePolicy.Skip; return true;
            default: policy = default; return false;
        }
    }
}
