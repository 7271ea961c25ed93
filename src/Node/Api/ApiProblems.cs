using System.Globalization;
using HaScheduler.Messages.Api;
using HaScheduler.Node.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HaScheduler.Node.Api;

/// <summary>
/// Every error the API answers, as RFC 7807 problem details. Client errors (4xx) always carry
/// <c>errors: {field: [messages]}</c> naming the field, header or query parameter at fault.
/// </summary>
internal static class ApiProblems
{
    public const string BodyField = "$";
    public const string ContentTypeField = "Content-Type";
    public const string IfMatchField = "If-Match";

    public static ProblemHttpResult Invalid(IEnumerable<ValidationError> errors) => Problem(
        StatusCodes.Status400BadRequest,
        "Invalid request",
        "One or more fields are invalid; nothing was changed.",
        errors);

    public static ProblemHttpResult Invalid(string field, string message) => Invalid([new(field, message)]);

    public static ProblemHttpResult TooLarge(long limit) => Problem(
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        $"The request body must be at most {limit} bytes; nothing was changed.",
        [new(BodyField, $"body exceeds {limit} bytes")]);

    public static ProblemHttpResult UnsupportedMediaType(string? contentType) => Problem(
        StatusCodes.Status415UnsupportedMediaType,
        "Unsupported media type",
        "The request body must be JSON (Content-Type: application/json, UTF-8); nothing was changed.",
        [new(ContentTypeField, contentType is null
            ? "Content-Type is missing; expected application/json"
            : $"'{contentType}' is not supported; expected application/json")]);

    public static ProblemHttpResult NotFound(string id) => Problem(
        StatusCodes.Status404NotFound,
        "Schedule not found",
        $"There is no schedule with id '{id}'.",
        [new("id", $"no schedule has id '{id}'")]);

    public static ProblemHttpResult PreconditionFailed(string detail, string message) => Problem(
        StatusCodes.Status412PreconditionFailed,
        "Precondition failed",
        detail,
        [new(IfMatchField, message)]);

    /// <summary>RFC 9110 13.1.1: <c>If-Match: *</c> is false without a current representation.</summary>
    public static ProblemHttpResult NoVersionToMatch(string id) => PreconditionFailed(
        $"There is no schedule with id '{id}', so 'If-Match: *' does not hold; nothing was changed.",
        "no current version to match '*'");

    public static ProblemHttpResult VersionMismatch(VersionMismatchResponse mismatch) => PreconditionFailed(
        $"Schedule '{mismatch.Id}' is at version {mismatch.CurrentVersion}; nothing was changed. "
        + "Read it again and retry with its current ETag.",
        $"expected version {mismatch.ExpectedVersion}, current version is {mismatch.CurrentVersion}");

    /// <summary>Sets <c>Retry-After</c> on <paramref name="response"/> and describes the outage.</summary>
    public static ProblemHttpResult Unavailable(HttpResponse response, TimeSpan retryAfter)
    {
        SetRetryAfter(response, retryAfter);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Storage unavailable",
            detail: "The schedule store did not answer in time. Retry later; a write may or may not have "
                + "been applied, so read the schedule before repeating it.");
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds))
            .ToString(CultureInfo.InvariantCulture);

    /// <summary>The problem for a failure reply of the HTTP actor.</summary>
    public static ProblemHttpResult FromReply(
        IScheduleApiReply reply, HttpResponse response, TimeSpan retryAfter) => reply switch
    {
        ScheduleNotFoundResponse notFound => NotFound(notFound.Id),
        VersionMismatchResponse mismatch => VersionMismatch(mismatch),
        StorageUnavailableResponse => Unavailable(response, retryAfter),
        _ => throw new InvalidOperationException($"Unexpected reply {reply.GetType().Name} from the actor."),
    };

    private static ProblemHttpResult Problem(
        int status, string title, string detail, IEnumerable<ValidationError> errors)
    {
        var byField = errors
            .GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray());
        return TypedResults.Problem(new HttpValidationProblemDetails(byField)
        {
            Status = status,
            Title = title,
            Detail = detail,
        });
    }
}
