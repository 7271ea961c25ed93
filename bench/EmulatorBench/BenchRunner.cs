using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using HaScheduler.MongoEmulator;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.EmulatorBench;

/// <summary>Starts (or connects to) the server, runs the chosen scenarios in order, prints markdown.</summary>
public static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var server = options.Uri is null ? await MongoEmulatorServer.StartAsync() : null;
        var uri = options.Uri ?? server!.ConnectionString;
        var settings = MongoClientSettings.FromConnectionString(uri);
        var client = new MongoClient(settings);
        var databaseName = "bench_" + Guid.NewGuid().ToString("N")[..8];
        var database = client.GetDatabase(databaseName);
        var mode = (server is null ? $"external server {uri}" : $"in-process emulator {uri}")
            + (options.Client != "raw" ? "; MongoDB.Driver client"
                : options.RawSession ? "; raw OP_MSG client with lsid/txnNumber" : "; raw OP_MSG client");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# EmulatorBench: {mode}; {options.Clients} clients; warm-up {options.WarmUp.TotalSeconds} s, "
            + $"measured {options.Duration.TotalSeconds} s; {Environment.ProcessorCount} cores; "
            + $"{RuntimeInformation.FrameworkDescription}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        await database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
        try
        {
            if (options.Client == "raw")
            {
                return await RunRawAsync(database, RawScenarios.Endpoint(uri), options);
            }

            await RunScenariosAsync(database, options);
        }
        finally
        {
            await client.DropDatabaseAsync(databaseName);
            client.Dispose();
        }

        return 0;
    }

    private static async Task RunScenariosAsync(IMongoDatabase database, BenchOptions options)
    {
        var rows = new List<string>();
        if (options.Runs("insert"))
        {
            rows.Add((await CrudScenarios.InsertAsync(database, options)).ToRow("insertOne"));
        }

        if (options.Runs("find") || options.Runs("fam")) await CrudScenarios.PreloadAsync(database);
        if (options.Runs("find"))
        {
            rows.Add((await CrudScenarios.FindByIdAsync(database, options)).ToRow("find by _id"));
        }

        if (options.Runs("fam"))
        {
            var summary = await CrudScenarios.FindOneAndUpdateAsync(database, options);
            rows.Add(summary.ToRow("findOneAndUpdate ($inc)"));
        }

        if (rows.Count > 0) Print($"Throughput, {options.Clients} concurrent clients", rows);

        if (options.Runs("changes"))
        {
            var result = await ChangeStreamScenario.RunAsync(database, options);
            Print(string.Create(CultureInfo.InvariantCulture,
                $"Change-event delivery, {result.Received}/{result.Written} events at {options.EventRate}/s "
                + $"(min after-ack {result.AfterAck.Min:F3} ms; negative = event before ack)"),
                [result.AfterAck.ToRow("event: received - insert acked"),
                    result.BeforeSend.ToRow("event: received - insert sent")]);
        }

        if (options.Runs("index"))
        {
            var results = await IndexedLookupScenario.RunAsync(database, options);
            Print("Indexed vs unindexed lookups (1 client, sequential)",
                results.ConvertAll(r => r.Summary.ToRow(r.Name)));
        }
    }

    /// <summary>The CRUD scenarios through the raw wire client; exit code 1 if any reply failed.</summary>
    private static async Task<int> RunRawAsync(IMongoDatabase database, IPEndPoint endpoint,
        BenchOptions options)
    {
        if (options.Runs("changes") || options.Runs("index"))
        {
            Console.WriteLine("(raw client: only insert, find and fam are measured; changes and index need "
                + "--client driver)");
        }

        var results = new List<(string Name, RawResult Result)>();
        var name = database.DatabaseNamespace.DatabaseName;
        if (options.Runs("insert"))
        {
            results.Add(("insert (raw)", await Task.Run(() => RawScenarios.Insert(endpoint, name, options))));
        }

        if (options.Runs("find") || options.Runs("fam")) await CrudScenarios.PreloadAsync(database);
        if (options.Runs("find"))
        {
            results.Add(("find by _id (raw)",
                await Task.Run(() => RawScenarios.FindById(endpoint, name, options))));
        }

        if (options.Runs("fam"))
        {
            results.Add(("findAndModify $inc (raw)",
                await Task.Run(() => RawScenarios.FindOneAndUpdate(endpoint, name, options))));
        }

        if (results.Count == 0) return 0;
        Print($"Throughput, {options.Clients} concurrent raw clients",
            results.ConvertAll(r => r.Result.Summary.ToRow(r.Name)));
        var failures = results.Sum(r => r.Result.Failures);
        Console.WriteLine();
        var each = string.Join(", ", results.Select(r => $"{r.Name}: {r.Result.Failures}"));
        Console.WriteLine($"Failed replies: {failures} ({each})");
        return failures == 0 ? 0 : 1;
    }

    private static void Print(string title, IEnumerable<string> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"### {title}");
        Console.WriteLine();
        Console.WriteLine(LatencySummary.Header);
        foreach (var row in rows) Console.WriteLine(row);
    }
}
