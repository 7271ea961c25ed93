using System.Globalization;
using HaScheduler.Messages;

namespace HaScheduler.Node.Scheduling;

/// <summary>
/// Turns raw user input into a <see cref="ScheduleSpec"/>, or into every error found, each tagged with the
/// JSON path of the offending value (<c>name</c>, <c>type</c>, <c>definition.interval</c>,
/// <c>definition.times[2]</c>, <c>misfire_policy</c>).
/// </summary>
/// <remarks>
/// <para>
/// A definition may only carry the fields of its type: <c>cron</c> takes <c>cron_expression</c> and
/// <c>time_zone</c>, <c>duration</c> takes <c>interval</c>, <c>at_times</c> takes <c>times</c>. Any other
/// non-null field is an error naming it (an empty string or empty list counts as given), because a
/// silently ignored field usually means the user picked the wrong type.
/// </para>
/// <para>
/// Normalization: the name is trimmed; a cron expression has its fields joined by single spaces; times
/// are converted to UTC, de-duplicated by instant and sorted. Times already in the past are accepted:
/// they simply never fire.
/// </para>
/// </remarks>
public static class ScheduleValidator
{
    public const int MaxNameLength = 200;
    public const int MaxTimes = 1000;

    private const string TypeList = $"{ScheduleTypes.Cron}, {ScheduleTypes.Duration}, {ScheduleTypes.AtTimes}";
    private const string PolicyList =
        $"{MisfirePolicies.FireOnce}, {MisfirePolicies.FireAll}, {MisfirePolicies.Skip}";

    /// <summary>Validates a create or update request; see the type remarks for the rules.</summary>
    /// <param name="now">
    /// The request clock. No rule depends on it today (past <c>times</c> are allowed), but callers pass it so
    /// that time-dependent rules can be added without touching every call site.
    /// </param>
    public static ValidationResult Validate(
        string? name, string? type, ScheduleDefinitionInput? definition, string? misfirePolicy,
        SchedulingOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ValidationError>();

        var validName = ValidateName(name, errors);
        var validType = ValidateType(type, errors);
        var validDefinition = validType is null
            ? null
            : ValidateDefinition(validType.Value, definition, options, errors);
        var validPolicy = ValidateMisfirePolicy(misfirePolicy, errors);

        return errors.Count > 0
            ? ValidationResult.Invalid(errors)
            : ValidationResult.Valid(
                new ScheduleSpec(validName!, validType!.Value, validDefinition!, validPolicy));
    }

    private static string? ValidateName(string? name, List<ValidationError> errors)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(new("name", "name is required"));
            return null;
        }

        // Characters as a reader counts them (text elements): an emoji or an accented letter is one, not two.
        var length = new StringInfo(trimmed).LengthInTextElements;
        if (length > MaxNameLength)
        {
            errors.Add(new("name", $"name must be at most {MaxNameLength} characters, got {length}"));
            return null;
        }

        return trimmed;
    }

    private static ScheduleType? ValidateType(string? type, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(type))
        {
            errors.Add(new("type", $"type is required: one of {TypeList}"));
            return null;
        }

        if (!ScheduleTypes.TryParse(type, out var parsed))
        {
            errors.Add(new("type", $"unknown type '{type}': expected one of {TypeList}"));
            return null;
        }

        return parsed;
    }

    private static ScheduleDefinition? ValidateDefinition(
        ScheduleType type, ScheduleDefinitionInput? definition, SchedulingOptions options,
        List<ValidationError> errors)
    {
        if (definition is null)
        {
            errors.Add(new(
                "definition", $"definition is required for a {ScheduleTypes.ToWire(type)} schedule"));
            return null;
        }

        RejectForeignFields(type, definition, errors);
        return type switch
        {
            ScheduleType.Cron => ValidateCron(definition, errors),
            ScheduleType.Duration => ValidateDuration(definition, options, errors),
            ScheduleType.AtTimes => ValidateAtTimes(definition, errors),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    private static void RejectForeignFields(
        ScheduleType type, ScheduleDefinitionInput definition, List<ValidationError> errors)
    {
        var wire = ScheduleTypes.ToWire(type);
        void Reject(string field, bool present, string belongsTo)
        {
            if (present)
            {
                errors.Add(new(
                    $"definition.{field}",
                    $"{field} is not allowed for a {wire} schedule; it belongs to {belongsTo} schedules"));
            }
        }

        Reject("cron_expression", type != ScheduleType.Cron && definition.CronExpression is not null, "cron");
        Reject("time_zone", type != ScheduleType.Cron && definition.TimeZone is not null, "cron");
        Reject("interval", type != ScheduleType.Duration && definition.Interval is not null, "duration");
        Reject("times", type != ScheduleType.AtTimes && definition.Times is not null, "at_times");
    }

    private static ScheduleDefinition? ValidateCron(
        ScheduleDefinitionInput definition, List<ValidationError> errors)
    {
        var expressionError =
            CronDefinition.TryParseExpression(definition.CronExpression, out var normalized, out _);
        if (expressionError is not null)
        {
            errors.Add(new("definition.cron_expression", expressionError));
        }

        var zoneError = CronDefinition.TryResolveZone(definition.TimeZone, out _);
        if (zoneError is not null)
        {
            errors.Add(new("definition.time_zone", zoneError));
        }

        return expressionError is null && zoneError is null
            ? new ScheduleDefinition(CronExpression: normalized, TimeZone: definition.TimeZone)
            : null;
    }

    private static ScheduleDefinition? ValidateDuration(
        ScheduleDefinitionInput definition, SchedulingOptions options, List<ValidationError> errors)
    {
        const string field = "definition.interval";
        var text = definition.Interval;
        if (text is null)
        {
            errors.Add(new(field, "interval is required, e.g. '30s' or '1h30m'"));
            return null;
        }

        if (!GoDuration.TryParse(text, out var interval, out var parseError))
        {
            errors.Add(new(field, parseError!));
            return null;
        }

        // Sub-100ns values truncate to zero ticks, so they land here too rather than becoming a busy loop.
        if (interval <= TimeSpan.Zero)
        {
            errors.Add(new(field, $"interval must be greater than zero, got {text}"));
            return null;
        }

        if (interval < options.MinimumInterval)
        {
            errors.Add(new(
                field,
                $"interval {text} is below the minimum of {GoDuration.Format(options.MinimumInterval)}"));
            return null;
        }

        return new ScheduleDefinition(Interval: text);
    }

    private static ScheduleDefinition? ValidateAtTimes(
        ScheduleDefinitionInput definition, List<ValidationError> errors)
    {
        const string field = "definition.times";
        var times = definition.Times;
        if (times is null)
        {
            errors.Add(new(
                field, "times is required: a list of RFC 3339 instants such as 2025-03-14T22:17:05Z"));
            return null;
        }

        if (times.Count == 0)
        {
            errors.Add(new(field, "times must list at least one instant"));
            return null;
        }

        // Checked before the entries so that a huge list yields one error, not one per entry.
        if (times.Count > MaxTimes)
        {
            errors.Add(new(field, $"times may list at most {MaxTimes} instants, got {times.Count}"));
            return null;
        }

        var parsed = new List<DateTimeOffset>(times.Count);
        var countBefore = errors.Count;
        for (var i = 0; i < times.Count; i++)
        {
            if (Rfc3339.TryParse(times[i], out var instant))
            {
                parsed.Add(instant.ToUniversalTime());
                continue;
            }

            var message = times[i] is null
                ? "time must not be null"
                : $"'{times[i]}' is not an RFC 3339 instant with an offset, e.g. 2025-03-14T22:17:05Z";
            errors.Add(new($"{field}[{i}]", message));
        }

        return errors.Count == countBefore
            ? new ScheduleDefinition(Times: parsed.Distinct().Order().ToList())
            : null;
    }

    private static MisfirePolicy ValidateMisfirePolicy(string? misfirePolicy, List<ValidationError> errors)
    {
        if (misfirePolicy is null)
        {
            return MisfirePolicy.FireOnce;
        }

        if (!MisfirePolicies.TryParse(misfirePolicy, out var policy))
        {
            errors.Add(new(
                "misfire_policy", $"unknown misfire_policy '{misfirePolicy}': expected one of {PolicyList}"));
        }

        return policy;
    }
}
