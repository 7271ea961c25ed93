using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace HaScheduler.Cli.Http;

/// <summary>
/// Talks to one node. Every failure becomes a <see cref="CliFailure"/>: unreachable node, problem response,
/// or an unexpected status; a success is returned with its raw body.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string _root;
    private readonly string? _token;

    public ApiClient(HttpMessageHandler handler, Uri baseUrl, string? token)
    {
        _http = new HttpClient(handler) { Timeout = RequestTimeout };
        _root = baseUrl.ToString().TrimEnd('/');
        _token = token;
    }

    /// <summary>The node's URL as the user gave it, for messages.</summary>
    public string Root => _root;

    public Task<ApiResponse> GetAsync(string pathAndQuery, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(pathAndQuery)), ct);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, Url(path)), ct);

    /// <summary>Sends <paramref name="json"/> as the body; <paramref name="ifMatch"/> is an ETag or null.</summary>
    public Task<ApiResponse> SendJsonAsync(
        HttpMethod method, string path, string json, string? ifMatch, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, Url(path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return SendAsync(request, ct);
    }

    /// <summary>An admin action: a POST carrying the admin token.</summary>
    public Task<ApiResponse> PostActionAsync(string path, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(_token))
        {
            throw CliFailure.Usage("this action needs the admin token: pass --token or set HASCHEDULER_ADMIN_TOKEN");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, Url(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return SendAsync(request, ct);
    }

    public void Dispose() => _http.Dispose();

    private Uri Url(string pathAndQuery) => new(_root + pathAndQuery);

    private async Task<ApiResponse> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, ct);
            }
            catch (HttpRequestException e)
            {
                throw new CliFailure(ExitCodes.Unreachable, $"cannot reach {_root}: {Reason(e)}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new CliFailure(
                    ExitCodes.Unreachable,
                    $"cannot reach {_root}: no answer within {RequestTimeout.TotalSeconds:0}s");
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    return new ApiResponse(response.StatusCode, body);
                }

                throw ProblemText.ToFailure(request.Method, request.RequestUri!, response, body);
            }
        }
    }

    private static string Reason(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "unknown host",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
                    _ => socket.Message,
                };
            }
        }

        return e.HttpRequestError == HttpRequestError.NameResolutionError ? "unknown host" : e.Message;
    }
}
