using System.Diagnostics;
using System.Globalization;

namespace HaScheduler.EmulatorBench;

/// <summary>
/// CPU time consumed by this process and, when its pid is known, by a separate server process (read from
/// /proc, Linux only). CPU per operation is stable when other work shares the cores, unlike ops/s.
/// </summary>
public sealed class CpuMeter(int? serverPid)
{
    public (TimeSpan Client, TimeSpan? Server) Sample()
    {
        using var self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime, serverPid is { } pid ? ReadProcCpu(pid) : null);
    }

    private static TimeSpan? ReadProcCpu(int pid)
    {
        try
        {
            // Fields 14 and 15 (utime, stime) follow the parenthesised command name; clock ticks of 10 ms.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture)
                + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
