using System.Globalization;
using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class CronDefinitionParseTests
{
    private static readonly DateTimeOffset June1 = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NextAfter_should_honour_the_seconds_field_when_expression_has_six_fields()
    {
        var cron = CronDefinition.Parse("30 15 10 * * *", null);

        var next = cron.NextAfter(June1);

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 15, 30, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAfter_should_fire_at_second_zero_when_expression_has_five_fields()
    {
        var cron = CronDefinition.Parse("15 10 * * *", null);

        var next = cron.NextAfter(June1.AddSeconds(1));

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 10, 15, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAfter_should_read_minutes_first_when_five_fields_look_like_seconds_form()
    {
        // "0 12 * * *" is noon daily in the five-field form, not 00:12:00 of every day at any hour.
        var cron = CronDefinition.Parse("0 12 * * *", null);

        var next = cron.NextAfter(June1);

        Assert.Equal(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAfter_should_be_strictly_after_when_every_second_and_after_is_on_a_second()
    {
        var cron = CronDefinition.Parse("* * * * * *", null);
        var onTheSecond = new DateTimeOffset(2025, 6, 1, 10, 0, 1, TimeSpan.Zero);

        var next = cron.NextAfter(onTheSecond);
        var fromFraction = cron.NextAfter(onTheSecond.AddMilliseconds(-500));

        Assert.Equal(onTheSecond.AddSeconds(1), next);
        Assert.Equal(onTheSecond, fromFraction);
    }

    [Fact]
    public void NextAfter_should_return_utc_instants_when_zone_is_not_utc()
    {
        var cron = CronDefinition.Parse("0 0 9 * * *", "Europe/Berlin");

        var next = cron.NextAfter(June1);

        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 7, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void TryParse_should_normalize_spacing_when_fields_are_separated_by_runs_of_whitespace()
    {
        var parsed = CronDefinition.TryParse("  0  30\t2 * * *  ", null, out var cron, out var error);

        Assert.True(parsed, error);
        Assert.Equal("0 30 2 * * *", cron!.Expression);
        Assert.Same(TimeZoneInfo.Utc, cron.Zone);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("   ", "required")]
    [InlineData("* * * *", "expected 5 or 6 fields (seconds first when 6), got 4")]
    [InlineData("0 0 0 * * * *", "expected 5 or 6 fields (seconds first when 6), got 7")]
    [InlineData("@hourly", "got 1")]
    [InlineData("61 * * * * *", "invalid cron expression '61 * * * * *'")]
    [InlineData("* * * * FOO", "invalid cron expression")]
    [InlineData("0 0 0 30 2 *", "never fires")]
    [InlineData("0 0 30 2 *", "never fires")]
    [InlineData("0 0 0 31 4,6,9,11 *", "never fires")]
    [InlineData("0 0 0 30-31 2 *", "never fires")]
    public void TryParse_should_explain_the_problem_when_expression_is_unusable(
        string? expression, string reason)
    {
        var parsed = CronDefinition.TryParse(expression, null, out var cron, out var error);

        Assert.False(parsed);
        Assert.Null(cron);
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("0 0 0 29 2 *", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 0 31 4,5 *", "2025-05-31T00:00:00Z")]
    [InlineData("0 0 0 L 2 *", "2025-02-28T00:00:00Z")]
    public void TryParse_should_accept_rare_dates_when_they_exist_in_some_month(
        string expression, string expected)
    {
        var parsed = CronDefinition.TryParse(expression, null, out var cron, out var error);

        Assert.True(parsed, error);
        Assert.Equal(
            DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture),
            cron!.NextAfter(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("Mars/Base", "unknown time zone 'Mars/Base'")]
    [InlineData("", "IANA id")]
    [InlineData(" ", "IANA id")]
    [InlineData("europe/nowhere", "unknown time zone")]
    [InlineData("W. Europe Standard Time", "unknown time zone 'W. Europe Standard Time'; use an IANA id")]
    public void TryParse_should_name_the_zone_when_time_zone_is_unknown(string timeZone, string reason)
    {
        var parsed = CronDefinition.TryParse("0 0 * * * *", timeZone, out _, out var error);

        Assert.False(parsed);
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    public void TryParse_should_resolve_the_zone_when_it_is_an_iana_id(string timeZone)
    {
        var parsed = CronDefinition.TryParse("0 0 * * * *", timeZone, out var cron, out var error);

        Assert.True(parsed, error);
        Assert.True(cron!.Zone.HasIanaId);
    }

    [Fact]
    public void Parse_should_throw_when_expression_is_invalid()
    {
        var act = () => CronDefinition.Parse("not cron", null);

        var exception = Assert.Throws<ArgumentException>(act);
        Assert.Contains("got 2", exception.Message);
    }
}
