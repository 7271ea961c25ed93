using HaScheduler.Node.Scheduling;
using Xunit;

namespace HaScheduler.Node.Tests.Scheduling;

/// <summary>Builds raw validator input that is valid unless a test says otherwise.</summary>
internal static class ValidatorInput
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static ScheduleDefinitionInput Cron(
        string? expression = "0 */5 * * * *", string? timeZone = null) =>
        new() { CronExpression = expression, TimeZone = timeZone };

    public static ScheduleDefinitionInput Duration(string? interval = "30s") => new() { Interval = interval };

    public static ScheduleDefinitionInput AtTimes(params string?[] times) => new() { Times = [.. times] };

    public static ValidationResult Validate(
        ScheduleDefinitionInput? definition,
        string type,
        string? name = "nightly report",
        string? misfirePolicy = null,
        SchedulingOptions? options = null) =>
        ScheduleValidator.Validate(
            name, type, definition, misfirePolicy, options ?? new SchedulingOptions(), Now);

    public static IEnumerable<string> Fields(ValidationResult result) =>
        result.Errors.Select(error => error.Field);

    public static string MessageFor(ValidationResult result, string field) =>
        Assert.Single(result.Errors, error => error.Field == field).Message;
}
