using Akka.Actor;
using Akka.Cluster;
using HaScheduler.Node.ClusterAdmin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HaScheduler.Node.Tests.ClusterAdmin;

/// <summary>
/// A full single node (self-joined cluster on a free remoting port, in-process MongoDB emulator) with the
/// admin actions; <paramref name="token"/> null leaves them disabled.
/// </summary>
public sealed class AdminNodeFactory(string? token) : WebApplicationFactory<Program>
{
    public const string Token = "admin-token-for-tests-0123456789";

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(30);

    public ActorSystem System => Services.GetRequiredService<ActorSystem>();

    public Cluster Cluster => Cluster.Get(System);

    public string SelfAddress => $"{Cluster.SelfAddress.Host}:{Cluster.SelfAddress.Port}";

    /// <summary>Starts the node and waits, bounded, until it is an Up member of its own cluster.</summary>
    public async Task StartAsync()
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(JoinTimeout);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("HaScheduler:Cluster:Port", "0");
        if (token is not null)
        {
            builder.UseSetting($"{AdminOptions.Section}:{nameof(AdminOptions.Token)}", token);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureServices((context, services) =>
        {
            services.AddAdminActions(context.Configuration);
        });
    }
}
