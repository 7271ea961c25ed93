using System.CommandLine;
using System.Text.Json;
using HaScheduler.Cli.Http;
using Spectre.Console;

namespace HaScheduler.Cli;

/// <summary>One command's connection and output: raw JSON with <c>--json</c>, tables otherwise.</summary>
public sealed class CliSession(ApiClient api, bool json, IAnsiConsole console, TextWriter output) : IDisposable
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public ApiClient Api { get; } = api;

    public IAnsiConsole Console { get; } = console;

    /// <summary>
    /// Prints <paramref name="response"/> raw (<c>--json</c>) or as <typeparamref name="T"/> rendered.
    /// </summary>
    public void Show<T>(ApiResponse response, Action<IAnsiConsole, T> render)
    {
        if (json)
        {
            output.WriteLine(response.Body);
            return;
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(response.Body, Wire);
        }
        catch (JsonException e)
        {
            throw new CliFailure(ExitCodes.ApiError, $"unexpected answer from {Api.Root}: {e.Message}");
        }

        if (value is null)
        {
            throw new CliFailure(ExitCodes.ApiError, $"unexpected answer from {Api.Root}: empty body");
        }

        render(Console, value);
    }

    public void Dispose() => Api.Dispose();

    /// <summary>
    /// Opens a session from the parsed options, the environment and the defaults, in that order.
    /// </summary>
    public static CliSession Open(ParseResult parsed, CliOptions options, CliHost host)
    {
        var url = FirstSet(parsed.GetValue(options.Url), host.GetEnvironmentVariable(CliOptions.UrlVariable))
                  ?? CliOptions.DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw CliFailure.Usage($"--url '{url}' is not an http:// or https:// URL");
        }

        var token = FirstSet(
            parsed.GetValue(options.Token), host.GetEnvironmentVariable(CliOptions.TokenVariable));
        var api = new ApiClient(host.CreateHandler(), baseUrl, token);
        return new CliSession(api, parsed.GetValue(options.Json), host.Console, host.Output);
    }

    private static string? FirstSet(params string?[] values) =>
        values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
