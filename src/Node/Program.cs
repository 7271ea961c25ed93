using HaScheduler.Node.Hosting;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddHaSchedulerNode();
}
catch (Exception e) when (StartupChecks.IsConfigurationError(e))
{
    // A malformed setting (a connection string that is not a URI, a port that is not a number) is an operator's
    // typo: one line naming it, not a stack trace.
    Console.Error.WriteLine($"HaScheduler node cannot start: invalid configuration: {e.Message}");
    return StartupChecks.InvalidConfiguration;
}

var app = builder.Build();
app.MapHaSchedulerNode();
app.Run();

// Start-up checks that fail after the host started (e.g. no cluster joined in time) set the exit code.
return Environment.ExitCode;

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
