using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Cluster;
using HaScheduler.Node.Tests.Api;
using Xunit;

namespace HaScheduler.Node.Tests.ClusterAdmin;

/// <summary>Admin actions that need a node of their own: disabled actions, and a node leaving.</summary>
public sealed class AdminActionLifecycleTests
{
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AdminActions_should_answer_403_problem_when_no_token_is_configured()
    {
        await using var node = new AdminNodeFactory(token: null);
        await node.StartAsync();
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminNodeFactory.Token);

        var response = await client.PostAsync("/admin/down-unreachable", null);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task LeaveMember_should_answer_202_and_node_should_leave_when_address_is_self()
    {
        await using var node = new AdminNodeFactory(AdminNodeFactory.Token);
        await node.StartAsync();
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Cluster.RegisterOnMemberRemoved(() => removed.TrySetResult());
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminNodeFactory.Token);

        var response = await client.PostAsync($"/admin/members/{node.SelfAddress}/leave", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("leave", body.GetProperty("action").GetString());
        Assert.Equal(node.SelfAddress, body.GetProperty("address").GetString());
        await removed.Task.WaitAsync(LeaveTimeout);
        Assert.Contains(node.Cluster.SelfMember.Status, new[] { MemberStatus.Exiting, MemberStatus.Removed });
    }
}
