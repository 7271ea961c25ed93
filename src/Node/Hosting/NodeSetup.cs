using HaScheduler.Node.Api;
using HaScheduler.Node.ClusterAdmin;
using HaScheduler.Node.Scheduling;

namespace HaScheduler.Node.Hosting;

/// <summary>Everything a node is, in the order it is built. Program.cs only calls these two.</summary>
public static class NodeSetup
{
    public static WebApplicationBuilder AddHaSchedulerNode(this WebApplicationBuilder builder)
    {
        var scheduling = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>()
                         ?? new SchedulingOptions();
        builder.Services.AddSingleton(scheduling);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        builder.Services.AddScheduleApi(builder.Configuration);
        builder.AddMongo();
        builder.AddAkkaCluster();
        return builder;
    }

    public static WebApplication MapHaSchedulerNode(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScheduleApi();
        app.MapClusterAdmin();
        return app;
    }
}
