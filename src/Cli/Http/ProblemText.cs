using System.Text.Json;

namespace HaScheduler.Cli.Http;

/// <summary>Turns an error response into one line (title, status, detail) and one line per field error.</summary>
public static class ProblemText
{
    public static CliFailure ToFailure(HttpMethod method, Uri url, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (!TryParse(body, out var problem) || !problem.TryGetProperty("title", out var title))
        {
            return new CliFailure(
                ExitCodes.ApiError,
                $"HTTP {status} {response.ReasonPhrase} from {method} {url.GetLeftPart(UriPartial.Path)}");
        }

        var line = $"{title.GetString()} ({status})";
        if (problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
        {
            line += $": {detail.GetString()}";
        }

        return new CliFailure(ExitCodes.ApiError, line, FieldErrors(problem));
    }

    private static List<string> FieldErrors(JsonElement problem)
    {
        var lines = new List<string>();
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return lines;
        }

        foreach (var field in errors.EnumerateObject())
        {
            var messages = field.Value.ValueKind == JsonValueKind.Array
                ? field.Value.EnumerateArray().Select(m => m.ToString())
                : [field.Value.ToString()];
            lines.AddRange(messages.Select(message => $"{field.Name}: {message}"));
        }

        return lines;
    }

    private static bool TryParse(string body, out JsonElement problem)
    {
        problem = default;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            problem = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
