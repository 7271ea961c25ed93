using System.Text.Json;
using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

public sealed class ScheduleDefinitionInputTests
{
    [Fact]
    public void Deserialize_should_fill_every_property_when_json_uses_snake_case_names()
    {
        const string json = """
            {"cron_expression":"0 0 * * * *","time_zone":"Europe/Berlin","interval":"1h30m",
             "times":["2025-03-14T22:17:05Z",null]}
            """;

        var input = JsonSerializer.Deserialize<ScheduleDefinitionInput>(json);

        Assert.NotNull(input);
        Assert.Equal("0 0 * * * *", input.CronExpression);
        Assert.Equal("Europe/Berlin", input.TimeZone);
        Assert.Equal("1h30m", input.Interval);
        Assert.Equal(["2025-03-14T22:17:05Z", null], input.Times);
    }

    [Fact]
    public void Deserialize_should_leave_fields_null_when_json_omits_them()
    {
        var input = JsonSerializer.Deserialize<ScheduleDefinitionInput>("""{"interval":"5s"}""");

        Assert.NotNull(input);
        Assert.Null(input.CronExpression);
        Assert.Null(input.TimeZone);
        Assert.Null(input.Times);
    }
}
