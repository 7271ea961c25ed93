using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using Xunit;
using static HaScheduler.Node.Tests.Scheduling.ValidatorInput;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class ScheduleValidatorDefinitionTests
{
    [Fact]
    public void Validate_should_keep_zone_and_normalized_expression_when_cron_is_valid()
    {
        var result = Validate(Cron("30  2 * * *", "Europe/Berlin"), ScheduleTypes.Cron);

        Assert.True(result.IsValid);
        Assert.Equal(
            new ScheduleDefinition(CronExpression: "30 2 * * *", TimeZone: "Europe/Berlin"),
            result.Spec.Definition);
    }

    [Theory]
    [InlineData(null, "cron expression is required, e.g. '0 */5 * * * *'")]
    [InlineData("1 2 3 4 5 6 7", "expected 5 or 6 fields (seconds first when 6), got 7")]
    [InlineData(
        "0 0 0 30 2 *",
        "cron expression '0 0 0 30 2 *' never fires: the requested days do not exist in the requested months")]
    public void Validate_should_report_the_expression_when_cron_expression_is_unusable(
        string? expression, string message)
    {
        var result = Validate(Cron(expression), ScheduleTypes.Cron);

        Assert.Equal([new ValidationError("definition.cron_expression", message)], result.Errors);
    }

    [Fact]
    public void Validate_should_report_expression_and_zone_separately_when_both_are_wrong()
    {
        var result = Validate(Cron("0 0 0 31 2 *", "Mars/Base"), ScheduleTypes.Cron);

        Assert.Equal(["definition.cron_expression", "definition.time_zone"], Fields(result));
        Assert.StartsWith("unknown time zone 'Mars/Base'", MessageFor(result, "definition.time_zone"));
    }

    [Theory]
    [InlineData(ScheduleTypes.Duration, "definition.cron_expression", "definition.time_zone", "definition.times")]
    [InlineData(ScheduleTypes.AtTimes, "definition.cron_expression", "definition.time_zone", "definition.interval")]
    public void Validate_should_name_fields_of_other_types_when_definition_mixes_types(
        string type, params string[] expected)
    {
        var definition = new ScheduleDefinitionInput
        {
            CronExpression = "* * * * *", TimeZone = "UTC", Interval = "1s", Times = ["2025-03-14T22:17:05Z"],
        };

        var result = Validate(definition, type);

        Assert.Equal(expected, Fields(result));
    }

    [Fact]
    public void Validate_should_explain_where_the_field_belongs_when_cron_carries_an_interval()
    {
        var definition = Cron();
        definition.Interval = "";

        var result = Validate(definition, ScheduleTypes.Cron);

        Assert.Equal(
            "interval is not allowed for a cron schedule; it belongs to duration schedules",
            MessageFor(result, "definition.interval"));
    }

    [Theory]
    [InlineData("100ms")]
    [InlineData("1h30m")]
    [InlineData("0.1s")]
    public void Validate_should_keep_the_interval_text_when_duration_is_at_least_the_minimum(string interval)
    {
        var result = Validate(Duration(interval), ScheduleTypes.Duration);

        Assert.True(result.IsValid);
        Assert.Equal(new ScheduleDefinition(Interval: interval), result.Spec.Definition);
    }

    [Theory]
    [InlineData(null, "interval is required, e.g. '30s' or '1h30m'")]
    [InlineData("1", "missing unit in duration '1'; use one of ns, us, µs, ms, s, m, h")]
    [InlineData("5 s", "unknown unit ' s' in duration '5 s'; use one of ns, us, µs, ms, s, m, h")]
    [InlineData("0", "interval must be greater than zero, got 0")]
    [InlineData("-1.5h", "interval must be greater than zero, got -1.5h")]
    [InlineData("50ns", "interval must be greater than zero, got 50ns")]
    [InlineData("1µs", "interval 1µs is below the minimum of 100ms")]
    [InlineData("99ms", "interval 99ms is below the minimum of 100ms")]
    public void Validate_should_explain_the_interval_when_duration_is_unacceptable(
        string? interval, string message)
    {
        var result = Validate(Duration(interval), ScheduleTypes.Duration);

        Assert.Equal([new ValidationError("definition.interval", message)], result.Errors);
    }

    [Fact]
    public void Validate_should_use_the_configured_minimum_when_options_change_it()
    {
        var options = new SchedulingOptions { MinimumInterval = TimeSpan.FromSeconds(5) };

        var tooShort = Validate(Duration("4.9s"), ScheduleTypes.Duration, options: options);
        var enough = Validate(Duration("5s"), ScheduleTypes.Duration, options: options);

        Assert.Equal("interval 4.9s is below the minimum of 5s", MessageFor(tooShort, "definition.interval"));
        Assert.True(enough.IsValid);
    }

    [Fact]
    public void Validate_should_store_utc_times_sorted_and_distinct_when_at_times_are_valid()
    {
        var definition = AtTimes(
            "2025-03-14T22:17:05+01:00",
            "2020-01-01T00:00:00Z",
            "2025-03-14T21:17:05Z",
            "2025-03-14t21:17:05.5z");

        var result = Validate(definition, ScheduleTypes.AtTimes);

        Assert.True(result.IsValid);
        Assert.Equal(
            [
                new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2025, 3, 14, 21, 17, 5, TimeSpan.Zero),
                new DateTimeOffset(2025, 3, 14, 21, 17, 5, 500, TimeSpan.Zero),
            ],
            result.Spec.Definition.Times);
        Assert.All(result.Spec.Definition.Times!, time => Assert.Equal(TimeSpan.Zero, time.Offset));
    }

    [Fact]
    public void Validate_should_report_each_bad_entry_by_index_when_times_are_not_instants()
    {
        var definition = AtTimes(
            "2025-03-14T22:17:05Z", "2025-03-14T22:17:05", "tomorrow", null, "2025-02-30T10:00:00Z",
            "2025-03-14 22:17:05Z", "2025-03-14T22:17:05.123456789-05:00");

        var result = Validate(definition, ScheduleTypes.AtTimes);

        Assert.Equal(
            [
                "definition.times[1]", "definition.times[2]", "definition.times[3]", "definition.times[4]",
                "definition.times[5]",
            ],
            Fields(result));
        Assert.Equal(
            "'2025-03-14T22:17:05' is not an RFC 3339 instant with an offset, e.g. 2025-03-14T22:17:05Z",
            MessageFor(result, "definition.times[1]"));
        Assert.Equal("time must not be null", MessageFor(result, "definition.times[3]"));
    }

    [Fact]
    public void Validate_should_require_times_when_at_times_list_is_missing_or_empty()
    {
        var missing = Validate(new ScheduleDefinitionInput(), ScheduleTypes.AtTimes);
        var empty = Validate(AtTimes(), ScheduleTypes.AtTimes);

        Assert.StartsWith("times is required", MessageFor(missing, "definition.times"));
        Assert.Equal("times must list at least one instant", MessageFor(empty, "definition.times"));
    }

    [Fact]
    public void Validate_should_report_one_error_when_more_than_the_maximum_times_are_listed()
    {
        var times = Enumerable.Range(0, ScheduleValidator.MaxTimes + 1).Select(_ => "garbage").ToArray();

        var result = Validate(AtTimes(times), ScheduleTypes.AtTimes);

        Assert.Equal(
            [new ValidationError("definition.times", "times may list at most 1000 instants, got 1001")],
            result.Errors);
    }

    [Fact]
    public void Validate_should_accept_the_maximum_number_of_times_when_duplicates_collapse()
    {
        var times = Enumerable.Range(0, ScheduleValidator.MaxTimes)
            .Select(i => $"2030-01-01T00:00:{i % 60:00}Z")
            .ToArray();

        var result = Validate(AtTimes(times), ScheduleTypes.AtTimes);

        Assert.True(result.IsValid);
        Assert.Equal(60, result.Spec.Definition.Times!.Count);
    }
}
