using System.Text.Json;
using HaScheduler.MongoEmulator.Tests.Infrastructure;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Shell;

/// <summary>Users point the MongoDB Shell at the emulator to look at their data: these commands must work.</summary>
public sealed class MongoshTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [MongoshFact]
    public async Task Mongosh_should_insert_find_count_list_indexes_and_watch_when_pointed_at_the_server()
    {
        var database = "shell_" + Guid.NewGuid().ToString("N")[..8];
        var uri = WithDatabase(target.ConnectionString, database);
        const string script = """
            db.people.insertOne({name: "ada", n: 1});
            db.people.insertOne({name: "bob", n: 2});
            db.people.createIndex({name: 1}, {unique: true});
            const count = db.people.countDocuments({n: {$gte: 1}});
            const indexes = db.people.getIndexes().map(i => i.name);
            const found = db.people.find({name: "ada"}).toArray();
            const stream = db.people.watch();
            db.people.insertOne({name: "cy", n: 3});
            let change = null;
            for (let i = 0; i < 20 && change === null; i++) { change = stream.tryNext(); }
            stream.close();
            print("RESULT " + JSON.stringify({
              count: count, indexes: indexes, found: found.length, foundName: found[0].name,
              change: change === null ? null : change.operationType,
              changeName: change === null ? null : change.fullDocument.name }));
            """;

        var output = await Mongosh.EvalAsync(uri, script, Timeout);

        var line = output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        using var result = JsonDocument.Parse(line["RESULT ".Length..]);
        var root = result.RootElement;
        Assert.Equal(2, root.GetProperty("count").GetInt32());
        Assert.Equal(["_id_", "name_1"], root.GetProperty("indexes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, root.GetProperty("found").GetInt32());
        Assert.Equal("ada", root.GetProperty("foundName").GetString());
        Assert.Equal("insert", root.GetProperty("change").GetString());
        Assert.Equal("cy", root.GetProperty("changeName").GetString());
    }

    private static string WithDatabase(string connectionString, string database)
    {
        var builder = new MongoDB.Driver.MongoUrlBuilder(connectionString) { DatabaseName = database };
        return builder.ToString();
    }
}
