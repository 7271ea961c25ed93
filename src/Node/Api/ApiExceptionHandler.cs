using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace HaScheduler.Node.Api;

/// <summary>
/// Turns exceptions that reach the host into problem details: the framework's own request errors keep their
/// status (e.g. 400 for a bad parameter, 413 from Kestrel's size limit), an unreachable MongoDB is 503 with
/// <c>Retry-After</c>, anything else is 500 without internals.
/// </summary>
internal sealed class ApiExceptionHandler(
    IProblemDetailsService problems,
    IOptions<ScheduleApiOptions> options,
    ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ when StorageFailures.IsUnavailable(exception) => (
                StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                "The schedule store did not answer in time; retry later."),
            _ => (StatusCodes.Status500InternalServerError, "Internal server error",
                "The request failed unexpectedly; the error was logged."),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            ApiProblems.SetRetryAfter(http.Response, options.Value.RetryAfter);
        }

        if (status >= StatusCodes.Status500InternalServerError)
        {
            ApiLog.UnhandledException(logger, exception, http.Request.Method, http.Request.Path);
        }

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
