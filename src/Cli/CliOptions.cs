using System.CommandLine;

namespace HaScheduler.Cli;

/// <summary>Options every command accepts.</summary>
public sealed class CliOptions
{
    public const string UrlVariable = "HASCHEDULER_URL";
    public const string TokenVariable = "HASCHEDULER_ADMIN_TOKEN";
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"Node to talk to (default: ${UrlVariable}, else {DefaultUrl})",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Admin token for actions (default: ${TokenVariable})",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's raw JSON instead of tables",
        Recursive = true,
    };
}
