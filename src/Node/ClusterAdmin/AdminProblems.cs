using Microsoft.AspNetCore.Http.HttpResults;

namespace HaScheduler.Node.ClusterAdmin;

/// <summary>The admin actions' errors, as RFC 7807 problem details naming the field at fault.</summary>
internal static class AdminProblems
{
    public const string AddressField = "address";
    public const string AuthorizationField = "Authorization";

    public static ProblemHttpResult Disabled() => Problem(
        StatusCodes.Status403Forbidden,
        "Admin actions disabled",
        $"This node has no admin token; set {AdminOptions.Section}:Token to enable admin actions.",
        []);

    public static ProblemHttpResult Unauthorized(string message) => Problem(
        StatusCodes.Status401Unauthorized,
        "Admin token required",
        "Admin actions require 'Authorization: Bearer <token>' with this node's admin token.",
        [(AuthorizationField, message)]);

    public static ProblemHttpResult InvalidAddress(string address) => Problem(
        StatusCodes.Status400BadRequest,
        "Invalid request",
        "A member address is host:port, as shown by GET /cluster/status; nothing was changed.",
        [(AddressField, $"'{address}' is not host:port")]);

    public static ProblemHttpResult UnknownMember(string address) => Problem(
        StatusCodes.Status404NotFound,
        "Member not found",
        $"No member of the cluster, as this node sees it, has address '{address}'; nothing was changed.",
        [(AddressField, $"no member has address '{address}'")]);

    public static ProblemHttpResult SchedulerUnavailable() => Problem(
        StatusCodes.Status503ServiceUnavailable,
        "Scheduler unavailable",
        "The scheduler did not say where it runs (failover in progress, or no lease); retry later.",
        []);

    public static ProblemHttpResult NoSuccessor(string node) => Problem(
        StatusCodes.Status409Conflict,
        "No member to take over",
        $"The scheduler runs on '{node}' and no other reachable member is up; leaving it would stop "
        + "scheduling, so nothing was changed. Use POST /admin/members/{address}/leave to do it anyway.",
        []);

    private static ProblemHttpResult Problem(
        int status, string title, string detail, IEnumerable<(string Field, string Message)> errors)
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
