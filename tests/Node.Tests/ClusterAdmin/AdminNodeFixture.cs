using Xunit;

namespace HaScheduler.Node.Tests.ClusterAdmin;

/// <summary>One node with an admin token, shared by tests whose actions change nothing.</summary>
public sealed class AdminNodeFixture : IAsyncLifetime
{
    public AdminNodeFactory Node { get; } = new(AdminNodeFactory.Token);

    public Task InitializeAsync() => Node.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
