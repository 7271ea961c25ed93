using HaScheduler.Cli;

return await CliApp.RunAsync(args, CliHost.FromProcess());
