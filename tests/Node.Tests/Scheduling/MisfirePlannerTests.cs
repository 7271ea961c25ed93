using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class MisfirePlannerTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset[] Missed = [Start, Start.AddMinutes(1), Start.AddMinutes(2)];

    [Fact]
    public void Plan_should_fire_the_latest_and_skip_the_rest_when_policy_is_fire_once()
    {
        var plan = MisfirePlanner.Plan(Missed, MisfirePolicy.FireOnce);

        Assert.Equal([Start.AddMinutes(2)], plan.Fire);
        Assert.Equal([Start, Start.AddMinutes(1)], plan.Skip);
    }

    [Fact]
    public void Plan_should_fire_the_only_occurrence_when_policy_is_fire_once_and_one_was_missed()
    {
        var plan = MisfirePlanner.Plan([Start], MisfirePolicy.FireOnce);

        Assert.Equal([Start], plan.Fire);
        Assert.Empty(plan.Skip);
    }

    [Fact]
    public void Plan_should_fire_all_oldest_first_when_policy_is_fire_all()
    {
        var plan = MisfirePlanner.Plan(Missed, MisfirePolicy.FireAll);

        Assert.Equal(Missed, plan.Fire);
        Assert.Empty(plan.Skip);
    }

    [Fact]
    public void Plan_should_skip_all_when_policy_is_skip()
    {
        var plan = MisfirePlanner.Plan(Missed, MisfirePolicy.Skip);

        Assert.Empty(plan.Fire);
        Assert.Equal(Missed, plan.Skip);
    }

    [Theory]
    [InlineData(MisfirePolicy.FireOnce)]
    [InlineData(MisfirePolicy.FireAll)]
    [InlineData(MisfirePolicy.Skip)]
    public void Plan_should_be_empty_when_nothing_was_missed(MisfirePolicy policy)
    {
        var plan = MisfirePlanner.Plan([], policy);

        Assert.Empty(plan.Fire);
        Assert.Empty(plan.Skip);
    }

    [Fact]
    public void Plan_should_throw_when_policy_is_unknown()
    {
        var act = () => MisfirePlanner.Plan(Missed, (MisfirePolicy)42);

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }
}
