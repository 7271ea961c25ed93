using HaScheduler.Node.Api;
using HaScheduler.Node.ClusterAdmin;
using HaScheduler.Node.Scheduling;
using Microsoft.Extensions.Options;

namespace HaScheduler.Node.Hosting;

/// <summary>Everything a node is, in the order it is built. Program.cs only calls these two.</summary>
public static class NodeSetup
{
    public static WebApplicationBuilder AddHaSchedulerNode(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section)
            .Validate(o => o.MinimumInterval > TimeSpan.Zero, "HaScheduler:Scheduling:MinimumInterval must be positive")
            .Validate(o => o.CatchUpLimit > 0, "HaScheduler:Scheduling:CatchUpLimit must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SchedulingOptions>>().Value);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        builder.Services.AddScheduleApi(builder.Configuration);
        builder.Services.AddAdminActions(builder.Configuration);
        builder.Services.AddSingleton<MemberUpTimes>();
        builder.AddMongo();
        builder.AddAkkaCluster();
        return builder;
    }

    public static WebApplication MapHaSchedulerNode(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScheduleApi();
        app.MapClusterAdmin();
        app.MapAdminActions();
        return app;
    }
}
