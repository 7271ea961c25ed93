using HaScheduler.Node.ClusterAdmin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HaScheduler.Node.Tests.ClusterAdmin;

/// <summary>
/// Serves <c>/admin</c> with its own routing for requests the node's routes did not match, so these tests run
/// before NodeSetup maps the admin actions. Once it does, the node's routes answer first and this is inert.
/// </summary>
internal sealed class AdminRoutesFallback : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Built before next(app), so this branch gets its own route builder, not the WebApplication's.
        var branch = app.New();
        branch.UseRouting();
        branch.UseEndpoints(endpoints => endpoints.MapAdminActions());
        var admin = branch.Build();

        next(app);
        app.Use((context, rest) =>
            context.GetEndpoint() is null && context.Request.Path.StartsWithSegments(AdminActionEndpoints.RoutePrefix)
                ? admin(context)
                : rest(context));
    };
}
