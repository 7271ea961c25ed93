using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using HaScheduler.Node.Tests.Api;
using HaScheduler.Node.Tests.Support;
using HaScheduler.Testing;
using Xunit;

namespace HaScheduler.Node.Tests.ClusterAdmin;

/// <summary>The admin actions on a single node, for requests that change nothing in the cluster.</summary>
public sealed class AdminActionEndpointsTests(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    private static readonly TimeSpan SchedulerTimeout = TimeSpan.FromSeconds(30);

    private AdminNodeFactory Node => fixture.Node;

    [Fact]
    public async Task LeaveMember_should_answer_401_problem_when_token_is_missing()
    {
        var client = Node.CreateClient();

        var response = await client.PostAsync($"/admin/members/{Node.SelfAddress}/leave", null);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.Unauthorized, "Authorization");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(Akka.Cluster.MemberStatus.Up, Node.Cluster.SelfMember.Status);
    }

    [Fact]
    public async Task LeaveMember_should_answer_401_problem_when_token_is_wrong()
    {
        var client = Client("not-the-admin-token-0123456789");

        var response = await client.PostAsync($"/admin/members/{Node.SelfAddress}/leave", null);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.Unauthorized, "Authorization");
        Assert.Equal(Akka.Cluster.MemberStatus.Up, Node.Cluster.SelfMember.Status);
    }

    [Fact]
    public async Task DownMember_should_answer_404_problem_naming_address_when_member_is_unknown()
    {
        var client = Client(AdminNodeFactory.Token);

        var response = await client.PostAsync("/admin/members/10.9.8.7:4053/down", null);

        var messages = await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.NotFound, "address");
        Assert.Contains("10.9.8.7:4053", messages[0]);
    }

    [Fact]
    public async Task LeaveMember_should_answer_400_problem_naming_address_when_address_is_not_host_and_port()
    {
        var client = Client(AdminNodeFactory.Token);

        var response = await client.PostAsync("/admin/members/no-port-here/leave", null);

        await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, "address");
    }

    [Fact]
    public async Task DownUnreachable_should_answer_200_with_empty_list_when_every_member_is_reachable()
    {
        var client = Client(AdminNodeFactory.Token);

        var response = await client.PostAsync("/admin/down-unreachable", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, body.GetProperty("downed").GetArrayLength());
    }

    [Fact]
    public async Task Handover_should_answer_409_problem_when_no_other_member_can_take_over()
    {
        var client = Client(AdminNodeFactory.Token);
        await Eventually.TrueAsync(
            async () => await SchedulerRunsAsync(client), SchedulerTimeout, "the scheduler singleton started");

        var response = await client.PostAsync("/admin/scheduler/handover", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(Akka.Cluster.MemberStatus.Up, Node.Cluster.SelfMember.Status);
    }

    private HttpClient Client(string token)
    {
        var client = Node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<bool> SchedulerRunsAsync(HttpClient client)
    {
        var status = await client.GetFromJsonAsync<JsonElement>("/cluster/status");
        return status.GetProperty("scheduler").ValueKind == JsonValueKind.Object;
    }
}
