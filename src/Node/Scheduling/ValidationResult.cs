using System.Diagnostics.CodeAnalysis;
using HaScheduler.Messages;

namespace HaScheduler.Node.Scheduling;

/// <summary>Either a valid <see cref="ScheduleSpec"/> or every error found in the input, never both.</summary>
public sealed class ValidationResult
{
    private ValidationResult(ScheduleSpec? spec, IReadOnlyList<ValidationError> errors)
    {
        Spec = spec;
        Errors = errors;
    }

    /// <summary>The normalized spec when the input is valid, otherwise null.</summary>
    public ScheduleSpec? Spec { get; }

    /// <summary>All errors, in field order; empty when the input is valid.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Spec))]
    public bool IsValid => Spec is not null;

    public static ValidationResult Valid(ScheduleSpec spec) =>
        new(spec ?? throw new ArgumentNullException(nameof(spec)), []);

    public static ValidationResult Invalid(IReadOnlyList<ValidationError> errors) =>
        errors is { Count: > 0 }
            ? new(null, errors)
            : throw new ArgumentException("an invalid result needs at least one error", nameof(errors));
}
