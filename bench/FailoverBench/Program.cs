using HaScheduler.FailoverBench;

// Usage: dotnet run -c Release --project bench/FailoverBench -- [--runs 20]
// Starts one emulator + three nodes on 127.0.0.1 (free ports), 30 schedules firing, then SIGKILLs and SIGTERMs
// the scheduler's node N times each, restarting it every time, and prints a Markdown section for RESULTS.md.
var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1]) : 20;
var markdown = await FailoverRunner.RunAsync(runs, Console.Error);
Console.WriteLine(markdown);
