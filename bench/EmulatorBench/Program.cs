using HaScheduler.EmulatorBench;

// Usage: dotnet run -c Release --project bench/EmulatorBench -- --seconds 10
//        [--uri mongodb://127.0.0.1:27817/?directConnection=true --server-pid PID]
var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await BenchRunner.RunAsync(options);
