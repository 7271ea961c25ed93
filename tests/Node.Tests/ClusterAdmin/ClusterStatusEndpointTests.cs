using System.Net.Http.Json;
using System.Text.Json;
using HaScheduler.Testing;
using Xunit;

namespace HaScheduler.Node.Tests.ClusterAdmin;

/// <summary><c>GET /cluster/status</c> on a single node: members, the scheduler and its lease.</summary>
public sealed class ClusterStatusEndpointTests(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Status_should_show_the_member_up_since_and_the_scheduler_with_its_lease_when_the_node_leads()
    {
        var client = fixture.Node.CreateClient();
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);

        var status = await Eventually.WaitAsync(
            () => client.GetFromJsonAsync<JsonElement>("/cluster/status"),
            s => s.GetProperty("scheduler").ValueKind == JsonValueKind.Object,
            Deadline, "a scheduler in /cluster/status");

        var self = Assert.Single(status.GetProperty("members").EnumerateArray());
        Assert.Equal(fixture.Node.SelfAddress, self.GetProperty("address").GetString());
        var upSince = self.GetProperty("up_since").GetDateTimeOffset();
        Assert.InRange(upSince, before, DateTimeOffset.UtcNow);
        var scheduler = status.GetProperty("scheduler");
        Assert.Equal(fixture.Node.SelfAddress, scheduler.GetProperty("node").GetString());
        var lease = Assert.Single(status.GetProperty("leases").EnumerateArray());
        Assert.Equal(scheduler.GetProperty("epoch").GetInt64(), lease.GetProperty("epoch").GetInt64());
        Assert.EndsWith(fixture.Node.SelfAddress, lease.GetProperty("holder").GetString());
    }
}
