using System.Runtime.InteropServices;
using HaScheduler.MongoEmulator;

// Usage: dotnet run --project src/MongoEmulator -- [--port 27017] [--bind 127.0.0.1] [--data-dir DIR]
if (!CommandLine.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
await using var server = await MongoEmulatorServer.StartAsync(options);
Console.WriteLine(server.ConnectionString);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;

void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
