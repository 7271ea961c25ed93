using System.Net;
using System.Text;

namespace HaScheduler.Cli.Tests;

/// <summary>A fake node: answers every request with <see cref="Respond"/> and records what was sent.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    public Func<HttpRequestMessage, HttpResponseMessage> Respond { get; set; } =
        _ => new HttpResponseMessage(HttpStatusCode.NotFound);

    public List<RecordedRequest> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string body) =>
        Json(status, body, "application/problem+json");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        Requests.Add(new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("If-Match", out var ifMatch) ? ifMatch.Single() : null,
            body));
        return Respond(request);
    }
}

internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, string? Authorization, string? IfMatch, string? Body);
