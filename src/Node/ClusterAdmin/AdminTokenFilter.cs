using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HaScheduler.Node.ClusterAdmin;

/// <summary>
/// Guards the admin actions: 403 when this node has no admin token, 401 unless the request carries it as
/// <c>Authorization: Bearer &lt;token&gt;</c>.
/// </summary>
internal sealed class AdminTokenFilter(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.CurrentValue.Token;
        if (string.IsNullOrEmpty(expected))
        {
            return AdminProblems.Disabled();
        }

        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return AdminProblems.Unauthorized("missing; expected 'Bearer <token>'");
        }

        if (!SameToken(header[Scheme.Length..].Trim(), expected))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return AdminProblems.Unauthorized("the token is not this node's admin token");
        }

        return await next(context);
    }

    // Compares digests so the time taken depends neither on where the tokens differ nor on their lengths.
    private static bool SameToken(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
