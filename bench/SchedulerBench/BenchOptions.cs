namespace HaScheduler.SchedulerBench;

/// <summary>Command-line options. Every count and duration is bounded so a run always ends.</summary>
public sealed record BenchOptions
{
    public string Repo { get; init; } = ".";
    public string Scenario { get; init; } = "all";
    public int Writes { get; init; } = 1000;
    public int Writers { get; init; } = 8;
    public int Schedules { get; init; } = 10_000;
    public int SeedWriters { get; init; } = 8;
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan FireWindow { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ArmTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public string WorkDir { get; init; } = Path.Combine(Path.GetTempPath(), "scheduler-bench");

    // Two usage lines are longer than the source line limit, so their tails are concatenated on.
    public const string Usage =
        """
        SchedulerBench [--repo DIR] [--scenario armed|fire|all] [--quick]
                       [--writes N] [--writers N] [--schedules N] [--seed-writers N]
                       [--interval-ms N] [--settle-s N] [--fire-s N] [--grace-s N]
        """
        + " [--arm-timeout-s N] [--work-dir DIR]"
        + """

        Starts the MongoDB emulator and one node from the Release build outputs under --repo (loopback only),
        measures, prints the results and stops both processes.
        """
        + " --quick: 200 writes, 500 schedules, 10 s window.";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() =>
                i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--repo" => o with { Repo = Next() },
                "--scenario" => o with { Scenario = Next() },
                "--quick" => o with
                {
                    Writes = 200, Schedules = 500, Settle = TimeSpan.FromSeconds(2),
                    FireWindow = TimeSpan.FromSeconds(10), Grace = TimeSpan.FromSeconds(2),
                },
                "--writes" => o with { Writes = Positive(Next()) },
                "--writers" => o with { Writers = Positive(Next()) },
                "--schedules" => o with { Schedules = Positive(Next()) },
                "--seed-writers" => o with { SeedWriters = Positive(Next()) },
                "--interval-ms" => o with { Interval = TimeSpan.FromMilliseconds(Positive(Next())) },
                "--settle-s" => o with { Settle = TimeSpan.FromSeconds(Positive(Next())) },
                "--fire-s" => o with { FireWindow = TimeSpan.FromSeconds(Positive(Next())) },
                "--grace-s" => o with { Grace = TimeSpan.FromSeconds(Positive(Next())) },
                "--arm-timeout-s" => o with { ArmTimeout = TimeSpan.FromSeconds(Positive(Next())) },
                "--work-dir" => o with { WorkDir = Next() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (o.Scenario is not ("armed" or "fire" or "all"))
        {
            throw new ArgumentException("--scenario is armed, fire or all");
        }

        return o;
    }

    private static int Positive(string value) =>
        int.TryParse(value, out var n) && n > 0
            ? n
            : throw new ArgumentException($"not a positive integer: {value}");
}
