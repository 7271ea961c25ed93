using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HaScheduler.SchedulerBench;

/// <summary>
/// A child process whose stdout and stderr go straight to a file (through <c>sh -c exec</c>), so the bench
/// spends no CPU draining a pipe while it measures; the file is read afterwards. Killed on dispose.
/// </summary>
public sealed class ProcessHost : IDisposable
{
    private static readonly List<ProcessHost> Live = [];
    private readonly Process _process;

    private ProcessHost(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
    }

    static ProcessHost()
    {
        // Stop children even when the bench is interrupted or crashes.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ProcessHost Start(
        string dll, IEnumerable<string> args, IDictionary<string, string> env, string logPath)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" > \"$BENCH_LOG\" 2>&1");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        info.Environment["BENCH_LOG"] = logPath;
        var host = new ProcessHost(
            Process.Start(info) ?? throw new InvalidOperationException("cannot start " + dll), logPath);
        lock (Live)
        {
            Live.Add(host);
        }

        return host;
    }

    /// <summary>Waits for a line containing <paramref name="marker"/> in the log, bounded.</summary>
    public async Task<string> WaitForLineAsync(string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"process exited early, see {LogPath}");
            }

            if (File.Exists(LogPath))
            {
                using var stream = new FileStream(
                    LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line.Contains(marker, StringComparison.Ordinal))
                    {
                        return line;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no '{marker}' in {LogPath} after {timeout}");
    }

    /// <summary>Resident set size from /proc (kB).</summary>
    public long RssKb()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            }
        }

        return -1;
    }

    /// <summary>
    /// User + system CPU time of the process so far (from /proc/PID/stat, clock ticks of 10 ms).
    /// </summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        lock (Live)
        {
            Live.Remove(this);
        }

        _process.Dispose();
    }

    private static void KillAll()
    {
        ProcessHost[] live;
        lock (Live)
        {
            live = Live.ToArray();
        }

        foreach (var host in live)
        {
            host.Dispose();
        }
    }
}
