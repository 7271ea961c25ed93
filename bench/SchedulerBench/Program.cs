using HaScheduler.SchedulerBench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

Console.WriteLine($"scheduler bench {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} args: {string.Join(' ', args)}");
Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
try
{
    if (options.Scenario is "armed" or "all")
    {
        Console.WriteLine(await ArmedScenario.RunAsync(options));
    }

    if (options.Scenario is "fire" or "all")
    {
        Console.WriteLine(await FireScenario.RunAsync(options));
    }
}
catch (Exception e)
{
    Console.Error.WriteLine($"bench failed: {e}");
    return 1;
}

Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;
