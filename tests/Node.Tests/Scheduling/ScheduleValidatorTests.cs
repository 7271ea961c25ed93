using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using Xunit;
using static HaScheduler.Node.Tests.Scheduling.ValidatorInput;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class ScheduleValidatorTests
{
    [Fact]
    public void Validate_should_return_a_trimmed_spec_with_default_policy_when_input_is_valid()
    {
        var result = Validate(Cron(), ScheduleTypes.Cron, name: "  nightly report  ");

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(
            new ScheduleSpec(
                "nightly report", ScheduleType.Cron, new ScheduleDefinition(CronExpression: "0 */5 * * * *")),
            result.Spec);
        Assert.Equal(MisfirePolicy.FireOnce, result.Spec.Misfire);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Validate_should_require_a_name_when_it_is_missing_or_blank(string? name)
    {
        var result = Validate(Cron(), ScheduleTypes.Cron, name: name);

        Assert.False(result.IsValid);
        Assert.Null(result.Spec);
        Assert.Equal("name is required", MessageFor(result, "name"));
    }

    [Fact]
    public void Validate_should_accept_a_name_of_exactly_the_maximum_length_when_surrounded_by_spaces()
    {
        var name = " " + new string('n', ScheduleValidator.MaxNameLength) + " ";

        var result = Validate(Cron(), ScheduleTypes.Cron, name: name);

        Assert.True(result.IsValid);
        Assert.Equal(200, result.Spec.Name.Length);
    }

    [Fact]
    public void Validate_should_reject_the_name_when_it_is_longer_than_the_maximum()
    {
        var result = Validate(Cron(), ScheduleTypes.Cron, name: new string('n', 201));

        Assert.Equal("name must be at most 200 characters, got 201", MessageFor(result, "name"));
    }

    // A text element may span several UTF-16 code units: a surrogate pair, a letter with combining marks,
    // emoji joined by ZWJ or with a skin tone. Each counts as one character.
    public static TheoryData<string> MultiUnitCharacters => new()
    {
        "\U0001F600",
        "e\u0301",
        "a\u0308\u0323",
        "\U0001F469\u200D\U0001F4BB",
        "\U0001F44D\U0001F3FD",
    };

    [Theory]
    [MemberData(nameof(MultiUnitCharacters))]
    public void Validate_should_accept_the_name_when_it_is_the_maximum_of_multi_unit_characters(
        string character)
    {
        var name = string.Concat(Enumerable.Repeat(character, ScheduleValidator.MaxNameLength));

        var result = Validate(Cron(), ScheduleTypes.Cron, name: name);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(name, result.Spec.Name);
    }

    [Theory]
    [MemberData(nameof(MultiUnitCharacters))]
    public void Validate_should_reject_the_name_counting_characters_when_multi_unit_ones_exceed_the_maximum(
        string character)
    {
        var name = string.Concat(Enumerable.Repeat(character, ScheduleValidator.MaxNameLength + 1));

        var result = Validate(Cron(), ScheduleTypes.Cron, name: name);

        Assert.Equal("name must be at most 200 characters, got 201", MessageFor(result, "name"));
    }

    [Theory]
    [InlineData(null, "type is required: one of cron, duration, at_times")]
    [InlineData("", "type is required: one of cron, duration, at_times")]
    [InlineData("Cron", "unknown type 'Cron': expected one of cron, duration, at_times")]
    [InlineData("interval", "unknown type 'interval': expected one of cron, duration, at_times")]
    public void Validate_should_name_the_accepted_types_when_type_is_missing_or_unknown(
        string? type, string message)
    {
        var result = ScheduleValidator.Validate("job", type, Cron(), null, new SchedulingOptions(), Now);

        Assert.Equal([new ValidationError("type", message)], result.Errors);
    }

    [Theory]
    [InlineData("fire_once", MisfirePolicy.FireOnce)]
    [InlineData("fire_all", MisfirePolicy.FireAll)]
    [InlineData("skip", MisfirePolicy.Skip)]
    public void Validate_should_map_the_wire_name_when_misfire_policy_is_given(
        string wire, MisfirePolicy expected)
    {
        var result = Validate(Cron(), ScheduleTypes.Cron, misfirePolicy: wire);

        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Spec.Misfire);
    }

    [Theory]
    [InlineData("")]
    [InlineData("FireOnce")]
    [InlineData("never")]
    public void Validate_should_list_the_policies_when_misfire_policy_is_unknown(string wire)
    {
        var result = Validate(Cron(), ScheduleTypes.Cron, misfirePolicy: wire);

        Assert.Equal(
            $"unknown misfire_policy '{wire}': expected one of fire_once, fire_all, skip",
            MessageFor(result, "misfire_policy"));
    }

    [Fact]
    public void Validate_should_report_every_error_in_field_order_when_several_fields_are_wrong()
    {
        var definition = new ScheduleDefinitionInput
        {
            CronExpression = "* * *", TimeZone = "Mars/Base", Interval = "1s", Times = ["later"],
        };

        var result = Validate(definition, ScheduleTypes.Cron, name: "", misfirePolicy: "sometimes");

        Assert.Equal(
            [
                "name", "definition.interval", "definition.times", "definition.cron_expression",
                "definition.time_zone", "misfire_policy",
            ],
            Fields(result));
    }

    [Fact]
    public void Validate_should_still_check_name_and_policy_when_type_is_unknown()
    {
        var result = ScheduleValidator.Validate(null, "weekly", null, "bogus", new SchedulingOptions(), Now);

        Assert.Equal(["name", "type", "misfire_policy"], Fields(result));
    }

    [Theory]
    [InlineData(ScheduleTypes.Cron)]
    [InlineData(ScheduleTypes.Duration)]
    [InlineData(ScheduleTypes.AtTimes)]
    public void Validate_should_require_a_definition_when_it_is_missing(string type)
    {
        var result = Validate(null, type);

        Assert.Equal($"definition is required for a {type} schedule", MessageFor(result, "definition"));
    }

    [Fact]
    public void Valid_result_should_refuse_to_be_built_without_errors_when_invalid()
    {
        var act = () => ValidationResult.Invalid([]);

        Assert.Throws<ArgumentException>(act);
    }
}
