using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Akka.Hosting;
using HaScheduler.Node.Api;
using HaScheduler.Node.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaScheduler.Node.Tests.Api;

/// <summary>
/// A minimal node for endpoint tests: the schedule API, its actor in a local ActorSystem, OpenAPI, and
/// in-memory stores, served by TestServer. Each test starts its own, so no test sees another's data.
/// </summary>
internal sealed class ApiTestHost : IAsyncDisposable
{
    public const long BodyLimit = 4 * 1024;

    private readonly WebApplication _app;

    private ApiTestHost(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public InMemoryScheduleStore Store => _app.Services.GetRequiredService<InMemoryScheduleStore>();

    public InMemoryRunLedger Runs => _app.Services.GetRequiredService<InMemoryRunLedger>();

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a host. <paramref name="addStores"/> registers other <c>IScheduleStore</c>/<c>IRunLedger</c>
    /// implementations (e.g. the MongoDB ones); <see cref="Store"/> and <see cref="Runs"/> then do not apply.
    /// </summary>
    public static async Task<ApiTestHost> StartAsync(Action<IServiceCollection>? addStores = null)
    {
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var bodyLimitKey = $"{ScheduleApiOptions.Section}:{nameof(ScheduleApiOptions.MaxRequestBodyBytes)}";
        builder.Configuration[bodyLimitKey] = BodyLimit.ToString(CultureInfo.InvariantCulture);

        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default));
        builder.Services.AddSingleton<InMemoryScheduleStore>();
        builder.Services.AddSingleton<InMemoryRunLedger>();
        if (addStores is null)
        {
            builder.Services.AddSingleton<IScheduleStore>(
                sp => sp.GetRequiredService<InMemoryScheduleStore>());
            builder.Services.AddSingleton<IRunLedger>(sp => sp.GetRequiredService<InMemoryRunLedger>());
        }
        else
        {
            addStores(builder.Services);
        }

        builder.Services.AddScheduleApi(builder.Configuration);
        AddOpenApi(builder.Services);
        builder.Services.AddAkka("api-tests", akka => akka.WithScheduleApi());

        var app = builder.Build();
        app.MapScheduleApi();
        app.MapOpenApi();
        await app.StartAsync();
        return new ApiTestHost(app);
    }

    // Called through a method group: the OpenAPI package's XML-comment source generator intercepts direct
    // AddOpenApi() calls, and interceptors are not enabled in this test project (the node's Program does it).
    private static readonly Func<IServiceCollection, IServiceCollection> AddOpenApi =
        OpenApiServiceCollectionExtensions.AddOpenApi;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static StringContent Json(string json, string contentType = "application/json") =>
        new(json, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue(contentType));

    public static async Task<string> PayloadAsync(string fileName) =>
        await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "payloads", fileName));

    /// <summary>Creates a schedule through the API and returns its id.</summary>
    public async Task<string> CreateAsync(string json)
    {
        var response = await Client.PostAsync("/schedules", Json(json));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("id").GetString()!;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HaScheduler.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("HaScheduler.sln not found above the tests.");
    }
}
