using System.Diagnostics;

namespace HaScheduler.MongoEmulator.Tests.Shell;

/// <summary>Finds and runs the MongoDB Shell.</summary>
internal static class Mongosh
{
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("MONGOSH_PATH") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".tools", "node_modules", ".bin", "mongosh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, "mongosh"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="script"/> against <paramref name="uri"/>; returns stdout or throws.</summary>
    public static async Task<string> EvalAsync(string uri, string script, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Find() ?? throw new InvalidOperationException("mongosh not found"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(uri);
        info.ArgumentList.Add("--quiet");
        info.ArgumentList.Add("--norc");
        info.ArgumentList.Add("--eval");
        info.ArgumentList.Add(script);
        info.Environment["MONGOSH_NO_UPDATE_CHECK"] = "1";

        using var process = Process.Start(info)!;
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mongosh did not finish within {timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"mongosh exited with {process.ExitCode}: {await stderr}\n{await stdout}");
        }

        return await stdout;
    }
}
