using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HaScheduler.Node.Api;

/// <summary>
/// Reads a create or replace body into a validated <see cref="ScheduleSpec"/>, or into the problem to answer:
/// 415 for a non-JSON content type, 413 past the size limit, 400 for malformed JSON, unknown fields or
/// invalid values (validation itself is <see cref="ScheduleValidator"/>'s).
/// </summary>
/// <remarks>
/// The body is read here rather than bound by ASP.NET so that every failure names the field at fault
/// (the framework's binding failures say only "failed to read parameter").
/// </remarks>
internal sealed class ScheduleInputReader
{
    private const int ChunkBytes = 8 * 1024;

    private readonly ScheduleApiOptions _options;
    private readonly IOptions<SchedulingOptions> _scheduling;
    private readonly TimeProvider _clock;
    private readonly JsonSerializerOptions _json;

    public ScheduleInputReader(
        IOptions<ScheduleApiOptions> options, IOptions<SchedulingOptions> scheduling,
        IOptions<HttpJsonOptions> json, TimeProvider clock)
    {
        _options = options.Value;
        _scheduling = scheduling;
        _clock = clock;

        // Stricter than responses: a misspelt field must not be silently ignored, nor a repeated one. The web
        // defaults match names case-insensitively; the contract is snake_case, so "Name" is an unknown field.
        _json = new JsonSerializerOptions(json.Value.SerializerOptions)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            PropertyNameCaseInsensitive = false,
        };
    }

    public async Task<Result> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!IsJson(request.ContentType))
        {
            return Result.Failed(ApiProblems.UnsupportedMediaType(request.ContentType));
        }

        var body = await ReadBodyAsync(request, ct);
        if (body is null)
        {
            return Result.Failed(ApiProblems.TooLarge(_options.MaxRequestBodyBytes));
        }

        if (Deserialize(body, out var problem) is not { } input)
        {
            return Result.Failed(problem!);
        }

        var validation = ScheduleValidator.Validate(
            input.Name, input.Type, input.Definition, input.MisfirePolicy,
            _scheduling.Value, _clock.GetUtcNow());
        return validation.IsValid
            ? Result.Succeeded(validation.Spec)
            : Result.Failed(ApiProblems.Invalid(validation.Errors));
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // The body is decoded as UTF-8 only; any other declared charset would be misread.
        var charset = media.Charset.Value;
        return charset is null
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The whole body, or null when it is larger than the limit.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var limit = _options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Content-Length may be absent (chunked), so the limit is enforced while reading as well.
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private ScheduleRequest? Deserialize(byte[] body, out ProblemHttpResult? problem)
    {
        problem = null;
        ScheduleRequest? input;
        try
        {
            input = JsonSerializer.Deserialize<ScheduleRequest>(body, _json);
        }
        catch (JsonException exception)
        {
            // Broken syntax is the body's fault wherever the parser stopped; a well-formed value of the wrong
            // type belongs to the field that holds it.
            var field = IsSyntaxError(exception) ? ApiProblems.BodyField : FieldOf(exception.Path);
            problem = ApiProblems.Invalid(field, DescribeJsonError(exception, field));
            return null;
        }

        if (input is null)
        {
            problem = ApiProblems.Invalid(ApiProblems.BodyField, "the body must be a JSON object, not null");
            return null;
        }

        var unknown = (input.OtherFields?.Keys ?? Enumerable.Empty<string>())
            .Where(field => !ScheduleRequest.ServerFields.Contains(field))
            .Select(field => new ValidationError(field, "unknown field"))
            .ToList();
        if (unknown.Count > 0)
        {
            problem = ApiProblems.Invalid(unknown);
            return null;
        }

        return input;
    }

    /// <summary><c>$.definition.times[2]</c> becomes <c>definition.times[2]</c>, as the validator names it.
    /// </summary>
    private static string FieldOf(string? path) =>
        path is null or "$" ? ApiProblems.BodyField
        : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path;

    private static bool IsSyntaxError(JsonException exception) =>
        exception.InnerException?.GetType().Name == "JsonReaderException";

    private static string DescribeJsonError(JsonException exception, string field)
    {
        var line = (exception.LineNumber ?? 0) + 1;
        var position = $"line {line}, byte {(exception.BytePositionInLine ?? 0) + 1}";

        // System.Text.Json reports these cases only through its message (and an internal reader exception);
        // the wording is ours so that no .NET type names reach the client.
        var message = exception.Message;
        if (IsSyntaxError(exception))
        {
            return $"malformed JSON at {position}";
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "unknown field";
        }

        if (message.Contains("Duplicate property", StringComparison.Ordinal))
        {
            return "field given more than once";
        }

        var expected = field switch
        {
            ApiProblems.BodyField => "a JSON object",
            "definition" => "an object",
            "definition.times" => "a list of strings",
            _ => "a string",
        };
        return $"wrong JSON type at {position}: expected {expected}";
    }

    /// <summary>Either the spec to store or the problem to answer.</summary>
    public sealed class Result
    {
        private Result(ScheduleSpec? spec, ProblemHttpResult? problem)
        {
            Spec = spec;
            Problem = problem;
        }

        public ScheduleSpec? Spec { get; }

        public ProblemHttpResult? Problem { get; }

        [MemberNotNullWhen(true, nameof(Spec))]
        [MemberNotNullWhen(false, nameof(Problem))]
        public bool IsValid => Spec is not null;

        public static Result Succeeded(ScheduleSpec spec) => new(spec, null);

        public static Result Failed(ProblemHttpResult problem) => new(null, problem);
    }
}
