namespace HaScheduler.Node.Api;

/// <summary>
/// Puts the exception handler and status code pages first in the pipeline, so that exceptions and the
/// framework's empty error responses (unknown route 404, 405, binding 400) also come out as problem details.
/// </summary>
internal sealed class ProblemResponsesStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        next(app);
    };
}
