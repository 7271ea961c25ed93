using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Coordination;
using Akka.DependencyInjection;
using HaScheduler.Node.Storage;
using HaScheduler.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Node.Tests.Storage;

/// <summary>MongoLease as Akka creates it: by reflection from HOCON, services from DI.</summary>
public sealed class MongoLeaseProviderTests(MongoTestDatabase mongo) : IClassFixture<MongoTestDatabase>
{
    private const string ConfigPath = "hascheduler.test-lease";

    [Fact]
    public async Task LeaseProvider_should_create_a_working_MongoLease_when_configured_by_hocon()
    {
        var database = mongo.NewDatabase();
        var state = new LeaseState();
        var options = new LeaseOptions
        {
            // Long enough that a loaded machine cannot let the lease lapse between Acquire and CheckLease.
            Duration = TimeSpan.FromSeconds(10),
            RenewInterval = TimeSpan.FromSeconds(2),
            SafetyMargin = TimeSpan.FromSeconds(1),
        };
        using var services = new ServiceCollection()
            .AddSingleton(database)
            .AddSingleton(state)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .BuildServiceProvider();
        var hocon = ConfigurationFactory.ParseString($"{ConfigPath} {{\n{options.ToHocon()}\n}}");
        var setup = BootstrapSetup.Create().WithConfig(hocon).And(DependencyResolverSetup.Create(services));
        var system = ActorSystem.Create("lease-test", setup);
        try
        {
            var provider = LeaseProvider.Get(system);
            var lease = provider.GetLease("scheduler", ConfigPath, "node-a");
            var contender = provider.GetLease("scheduler", ConfigPath, "node-b");

            var acquired = await lease.Acquire();
            var refused = await contender.Acquire();

            Assert.IsType<MongoLease>(lease);
            Assert.True(acquired);
            Assert.False(refused);
            Assert.True(lease.CheckLease());
            Assert.Equal(1, state.Epoch);
            Assert.Equal("node-a", state.Holder);
            Assert.Equal(1, (await new LeaseInfo(database).ReadAsync("scheduler"))?.Epoch);
            await lease.Release();
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void LeaseOptions_should_report_problems_when_renewal_cannot_fit_in_the_duration()
    {
        var options = new LeaseOptions
        {
            Duration = TimeSpan.FromSeconds(2),
            RenewInterval = TimeSpan.FromSeconds(1),
        };

        var problems = options.Validate();

        Assert.NotEmpty(problems);
        Assert.Empty(new LeaseOptions().Validate());
    }
}
