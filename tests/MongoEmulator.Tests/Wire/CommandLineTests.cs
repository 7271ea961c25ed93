using System.Diagnostics;
using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Wire;

/// <summary>Emulator-only: the executable prints one connection string and exits 0 on SIGTERM.</summary>
public sealed class CommandLineTests
{
    [EmulatorOnlyFact]
    public async Task Executable_should_print_connection_string_and_exit_zero_on_sigterm()
    {
        var dll = typeof(MongoEmulatorServer).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --port 0")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
        using (var client = new MongoClient(line))
        {
            await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1),
                cancellationToken: deadline.Token);
        }

        using (var kill = Process.Start("kill", $"-TERM {process.Id}")) await kill.WaitForExitAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);

        Assert.Matches(@"^mongodb://127\.0\.0\.1:\d+/\?directConnection=true$", line);
        Assert.Equal(0, process.ExitCode);
    }
}
