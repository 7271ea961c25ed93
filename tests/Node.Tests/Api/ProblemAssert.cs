using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

/// <summary>Checks that a response is an RFC 7807 problem and, for client errors, names the field.</summary>
internal static class ProblemAssert
{
    public const string ProblemJson = "application/problem+json";

    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Returns the messages given for <paramref name="field"/>.</summary>
    public static async Task<string[]> NamesFieldAsync(
        HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var problem = await IsProblemAsync(response, status);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        var errors = problem.GetProperty("errors");
        Assert.True(
            errors.TryGetProperty(field, out var messages),
            $"expected an error for '{field}', got {errors.GetRawText()}");
        var texts = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(texts);
        return texts;
    }
}
