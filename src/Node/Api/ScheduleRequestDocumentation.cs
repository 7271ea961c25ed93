using Microsoft.OpenApi;

namespace HaScheduler.Node.Api;

/// <summary>
/// Documents the JSON body of create and replace in OpenAPI. <c>Accepts&lt;T&gt;()</c> is avoided on
/// purpose: its metadata also makes routing reject other content types with a bare 415 before the handler
/// runs, while the handler's own 415 names the header at fault.
/// </summary>
internal static class ScheduleRequestDocumentation
{
    public static TBuilder DocumentsScheduleBody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(ScheduleRequest), null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The schedule. Server fields (id, version, ...) may be sent back; "
                    + "they are ignored.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = schema },
                },
            };
        });
}
