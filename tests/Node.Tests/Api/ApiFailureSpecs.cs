using System.Net;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

/// <summary>Storage outages, unexpected failures and the framework's own errors: all problem+json.</summary>
public sealed class ApiFailureSpecs
{
    private const string ValidDuration = """{"name":"n","type":"duration","definition":{"interval":"3s"}}""";

    [Theory]
    [InlineData("POST", "/schedules")]
    [InlineData("GET", "/schedules")]
    [InlineData("GET", "/schedules/sch_1")]
    [InlineData("PUT", "/schedules/sch_1")]
    [InlineData("DELETE", "/schedules/sch_1")]
    [InlineData("GET", "/schedules/sch_1/runs")]
    public async Task Routes_should_return_503_with_retry_after_when_MongoDB_is_unavailable(
        string method, string path)
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Store.FailAsUnavailable();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = ApiTestHost.Json(ValidDuration);
        }

        var response = await host.Client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Get_should_return_500_problem_without_internals_when_the_store_fails_unexpectedly()
    {
        await using var host = await ApiTestHost.StartAsync();
        host.Store.Failure = new InvalidOperationException("secret internals");

        var response = await host.Client.GetAsync("/schedules/sch_1");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret", problem.GetRawText());
    }

    [Theory]
    [InlineData("GET", "/nowhere")]
    [InlineData("GET", "/schedules/sch_1/runs/extra")]
    public async Task Unknown_routes_should_return_404_problem(string method, string path)
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("PATCH", "/schedules/sch_1")]
    [InlineData("DELETE", "/schedules")]
    [InlineData("POST", "/schedules/sch_1/runs")]
    public async Task Known_routes_should_return_405_problem_when_the_method_is_not_supported(
        string method, string path)
    {
        await using var host = await ApiTestHost.StartAsync();

        var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }
}
