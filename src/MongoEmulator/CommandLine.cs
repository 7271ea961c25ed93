using System.Globalization;

namespace HaScheduler.MongoEmulator;

/// <summary>Parses the executable's few flags into options (no dependency needed for four flags).</summary>
internal static class CommandLine
{
    public const string Usage =
        "usage: HaScheduler.MongoEmulator [--port N] [--bind ADDRESS] [--data-dir DIR] [--history-limit N]";

    public static bool TryParse(string[] args, out MongoEmulatorOptions options, out string error)
    {
        int port = 27017, historyLimit = 100_000;
        string bind = "127.0.0.1";
        string? dataDir = null;
        options = new MongoEmulatorOptions();
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port)
                    && port <= 65535:
                case "--history-limit" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture,
                    out historyLimit) && historyLimit > 0:
                    i++;
                    break;
                case "--bind" when value is not null && System.Net.IPAddress.TryParse(value, out _):
                    bind = value;
                    i++;
                    break;
                case "--data-dir" when value is not null:
                    dataDir = value;
                    i++;
                    break;
                default:
                    error = $"invalid argument: {args[i]} {value}";
                    return false;
            }
        }

        options = new MongoEmulatorOptions
        {
            Port = port, BindAddress = bind, DataDirectory = dataDir, ChangeHistoryLimit = historyLimit,
        };
        return true;
    }
}
