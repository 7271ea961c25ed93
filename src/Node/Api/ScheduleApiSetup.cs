using System.Text.Json;
using Akka.Hosting;
using HaScheduler.Messages.Api;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HaScheduler.Node.Api;

/// <summary>Wires the REST API: <c>AddScheduleApi</c> (services), <c>WithScheduleApi</c> (actor),
/// <c>MapScheduleApi</c> (routes).</summary>
public static class ScheduleApiSetup
{
    public const string RoutePrefix = "/schedules";
    public const string Tag = "Schedules";

    /// <summary>Starts the HTTP actor and registers it for <see cref="IRequiredActor{TActor}"/>.</summary>
    public static AkkaConfigurationBuilder WithScheduleApi(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry, resolver) =>
        {
            // Stores, options and logger come from the host's DI container.
            var actor = system.ActorOf(resolver.Props<ScheduleApiActor>(), ScheduleApiActor.ActorName);
            registry.Register<ScheduleApiActor>(actor);
        });

    /// <summary>
    /// Options (section <c>HaScheduler:Api</c>), snake_case JSON for every minimal-API endpoint, problem
    /// details for every error (exceptions and empty error responses included), and the endpoints' helpers.
    /// Expects <c>IScheduleStore</c> and <c>IRunLedger</c> to be registered by the storage setup.
    /// </summary>
    public static IServiceCollection AddScheduleApi(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ScheduleApiOptions>()
            .Bind(config.GetSection(ScheduleApiOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.AskTimeout > TimeSpan.Zero, "HaScheduler:Api:AskTimeout must be positive")
            .Validate(o => o.RetryAfter >= TimeSpan.Zero, "HaScheduler:Api:RetryAfter must not be negative")
            .Validate(
                o => o.DefaultPageSize <= o.MaxPageSize,
                "HaScheduler:Api:DefaultPageSize must not exceed MaxPageSize")
            .ValidateOnStart();

        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<IStartupFilter, ProblemResponsesStartupFilter>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScheduleInputReader>();
        services.AddSingleton<ScheduleApiGateway>();
        return services;
    }

    /// <summary>Maps <c>/schedules</c> with OpenAPI metadata.</summary>
    public static IEndpointRouteBuilder MapScheduleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(RoutePrefix)
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status500InternalServerError);

        group.MapPost("/", ScheduleEndpoints.Create)
            .WithName(nameof(CreateSchedule))
            .WithSummary("Creates a schedule")
            .DocumentsScheduleBody()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/", ScheduleEndpoints.List)
            .WithName(nameof(ListSchedules))
            .WithSummary("Lists schedules in creation order, one page at a time")
            .ProducesValidationProblem();

        group.MapGet("/{id}", ScheduleEndpoints.Get)
            .WithName(nameof(GetSchedule))
            .WithSummary("Reads one schedule; the ETag header carries its version")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{id}", ScheduleEndpoints.Replace)
            .WithName(nameof(ReplaceSchedule))
            .WithSummary("Replaces a schedule; If-Match makes it conditional on the version")
            .DocumentsScheduleBody()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapDelete("/{id}", ScheduleEndpoints.Delete)
            .WithName(nameof(DeleteSchedule))
            .WithSummary("Deletes a schedule and returns it; If-Match makes it conditional on the version")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        group.MapGet("/{id}/runs", ScheduleEndpoints.ListRuns)
            .WithName(nameof(ListRuns))
            .WithSummary("Lists a schedule's runs, newest first, one page at a time")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}
