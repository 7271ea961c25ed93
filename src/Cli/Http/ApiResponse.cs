using System.Net;

namespace HaScheduler.Cli.Http;

/// <summary>A successful answer of the node: its status and raw body (printed as is by <c>--json</c>).</summary>
public sealed record ApiResponse(HttpStatusCode Status, string Body);
