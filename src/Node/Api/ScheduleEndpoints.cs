using System.Globalization;
using HaScheduler.Messages.Api;
using HaScheduler.Node.Scheduling;
using HaScheduler.Node.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HaScheduler.Node.Api;

/// <summary>The <c>/schedules</c> handlers: HTTP to actor commands, and actor replies back to HTTP.</summary>
internal static class ScheduleEndpoints
{
    public static async Task<Results<Created<ScheduleResource>, ProblemHttpResult>> Create(
        HttpContext http, ScheduleInputReader reader, ScheduleApiGateway api)
    {
        var input = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (!input.IsValid)
        {
            return input.Problem;
        }

        var reply = await api.AskAsync(new CreateSchedule(input.Spec), http.RequestAborted);
        if (reply is not CreateScheduleResponse created)
        {
            return ApiProblems.FromReply(reply, http.Response, api.Options.RetryAfter);
        }

        http.Response.Headers.ETag = ScheduleResource.ETagOf(created.Schedule);
        return TypedResults.Created(LocationOf(created.Schedule.Id), api.ToResource(created.Schedule));
    }

    public static async Task<Results<Ok<SchedulePage>, ProblemHttpResult>> List(
        HttpContext http, ScheduleApiGateway api, string? limit, string? after)
    {
        if (!PageLimit.TryParse(limit, api.Options, out var pageSize, out var problem))
        {
            return problem;
        }

        // Ids are opaque to clients but not to the store, which compares them: only a real id is a position.
        if (after is not null && !ScheduleIds.IsWellFormed(after))
        {
            return ApiProblems.Invalid(
                "after", $"'{after}' is not a schedule id; pass next_after from the previous page");
        }

        var reply = await api.AskAsync(new ListSchedules(pageSize, after), http.RequestAborted);
        if (reply is not ListSchedulesResponse page)
        {
            return ApiProblems.FromReply(reply, http.Response, api.Options.RetryAfter);
        }

        return TypedResults.Ok(new SchedulePage(page.Items.Select(api.ToResource).ToList(), page.NextAfter));
    }

    public static async Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> Get(
        HttpContext http, ScheduleApiGateway api, string id)
    {
        var reply = await api.AskAsync(new GetSchedule(id), http.RequestAborted);
        if (reply is not GetScheduleResponse found)
        {
            return ApiProblems.FromReply(reply, http.Response, api.Options.RetryAfter);
        }

        http.Response.Headers.ETag = ScheduleResource.ETagOf(found.Schedule);
        return TypedResults.Ok(api.ToResource(found.Schedule));
    }

    public static async Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> Replace(
        HttpContext http, ScheduleInputReader reader, ScheduleApiGateway api, string id)
    {
        if (!IfMatch.TryParse(http.Request.Headers.IfMatch.ToString(), out var condition, out var message))
        {
            return ApiProblems.Invalid(ApiProblems.IfMatchField, message);
        }

        var input = await reader.ReadAsync(http.Request, http.RequestAborted);
        if (!input.IsValid)
        {
            return input.Problem;
        }

        var command = new ReplaceSchedule(id, input.Spec, condition.Version);
        var reply = await api.AskAsync(command, http.RequestAborted);
        switch (reply)
        {
            case ReplaceScheduleResponse replaced:
                http.Response.Headers.ETag = ScheduleResource.ETagOf(replaced.Schedule);
                return TypedResults.Ok(api.ToResource(replaced.Schedule));

            case ScheduleNotFoundResponse when condition.AnyVersion:
                return ApiProblems.NoVersionToMatch(id);
            default:
                return ApiProblems.FromReply(reply, http.Response, api.Options.RetryAfter);
        }
    }

    public static async Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> Delete(
        HttpContext http, ScheduleApiGateway api, string id)
    {
        if (!IfMatch.TryParse(http.Request.Headers.IfMatch.ToString(), out var condition, out var message))
        {
            return ApiProblems.Invalid(ApiProblems.IfMatchField, message);
        }

        var reply = await api.AskAsync(new DeleteSchedule(id, condition.Version), http.RequestAborted);
        return reply switch
        {
            DeleteScheduleResponse deleted => TypedResults.Ok(api.ToResource(deleted.Schedule)),
            ScheduleNotFoundResponse when condition.AnyVersion => ApiProblems.NoVersionToMatch(id),
            _ => ApiProblems.FromReply(reply, http.Response, api.Options.RetryAfter),
        };
    }

    public static async Task<Results<Ok<RunPage>, ProblemHttpResult>> ListRuns(
        HttpContext http, ScheduleApiGateway api, string id, string? limit, string? before)
    {
        if (!PageLimit.TryParse(limit, api.Options, out var pageSize, out var problem))
        {
            return problem;
        }

        DateTimeOffset? beforeOccurrence = null;
        if (before is not null)
        {
            if (!Rfc3339.TryParse(before, out var parsed))
            {
                return ApiProblems.Invalid(
                    "before",
                    $"'{before}' is not an RFC 3339 instant with an offset, e.g. 2025-03-14T22:17:05Z");
            }

            beforeOccurrence = parsed;
        }

        var reply = await api.AskAsync(new ListRuns(id, pageSize, beforeOccurrence), http.RequestAborted);
        if (reply is not ListRunsResponse page)
        {
            return ApiProblems.FromReply(reply, http.Response, api.Options.RetryAfter);
        }

        var items = page.Items.Select(RunResource.From).ToList();
        return TypedResults.Ok(new RunPage(items, page.NextBefore?.UtcDateTime));
    }

    private static string LocationOf(string id) =>
        string.Create(
            CultureInfo.InvariantCulture, $"{ScheduleApiSetup.RoutePrefix}/{Uri.EscapeDataString(id)}");
}
