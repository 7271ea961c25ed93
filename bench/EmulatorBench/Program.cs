using HaScheduler.EmulatorBench;

// Usage: dotnet run -c Release --project bench/EmulatorBench -- --seconds 10
//        [--uri mongodb://127.0.0.1:27817/?directConnection=true --server-pid PID]
//        [--client raw --scenario crud]   (minimal OP_MSG client: the server's capacity, not the driver's)
var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await BenchRunner.RunAsync(options);
