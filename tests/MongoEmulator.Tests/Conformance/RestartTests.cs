using HaScheduler.MongoEmulator.Tests.Infrastructure;
using HaScheduler.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Conformance;

/// <summary>
/// Emulator-only: these drive the in-process handle (restart, stop accepting, data directory).
/// </summary>
public sealed class RestartTests
{
    private static MongoClient Client(MongoEmulatorServer server)
    {
        var settings = MongoClientSettings.FromConnectionString(server.ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(10);
        return new MongoClient(settings);
    }

    private static async Task<bool> PingsAsync(MongoClient client)
    {
        try
        {
            await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
            return true;
        }
        catch (MongoConnectionException)
        {
            return false;
        }
    }

    [EmulatorOnlyFact]
    public async Task Restart_should_keep_data_and_port_by_default()
    {
        await using var server = await MongoEmulatorServer.StartAsync(new MongoEmulatorOptions());
        using var client = Client(server);
        var collection = client.GetDatabase("d").GetCollection<BsonDocument>("c");
        await collection.InsertOneAsync(new BsonDocument("_id", 1));
        var port = server.Port;

        await server.RestartAsync();
        var count = await collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty);

        Assert.Equal(port, server.Port);
        Assert.Equal(1, count);
    }

    [EmulatorOnlyFact]
    public async Task Resume_should_fail_with_history_lost_after_restart_without_data()
    {
        await using var server = await MongoEmulatorServer.StartAsync(new MongoEmulatorOptions());
        using var client = Client(server);
        var collection = client.GetDatabase("d").GetCollection<BsonDocument>("c");
        using var cursor = await collection.WatchAsync(
            new ChangeStreamOptions { MaxAwaitTime = TimeSpan.FromMilliseconds(100) });
        await collection.InsertOneAsync(new BsonDocument("_id", 1));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await cursor.MoveNextAsync(deadline.Token) && !cursor.Current.Any())
        {
        }

        var token = cursor.Current.First().ResumeToken;
        await server.RestartAsync(keepData: false);
        // Pooled connections died with the restart; the first use of each reports it, as with a real server.
        await Eventually.TrueAsync(
            async () => await PingsAsync(client), TimeSpan.FromSeconds(10), "reconnect");
        var error = await Assert.ThrowsAsync<MongoCommandException>(
            () => collection.WatchAsync(new ChangeStreamOptions { ResumeAfter = token }));

        Assert.Equal(286, error.Code);
        Assert.Contains("NonResumableChangeStreamError", error.ErrorLabels);
    }

    [EmulatorOnlyFact]
    public async Task Stop_accepting_should_refuse_new_clients_until_resumed()
    {
        await using var server = await MongoEmulatorServer.StartAsync(new MongoEmulatorOptions());
        var settings = MongoClientSettings.FromConnectionString(server.ConnectionString);
        settings.ServerSelectionTimeout = TimeSpan.FromMilliseconds(500);

        await server.StopAcceptingAsync();
        using var refused = new MongoClient(settings);
        var ping = () => refused.GetDatabase("admin")
            .RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
        await Assert.ThrowsAsync<TimeoutException>(ping);
        server.ResumeAccepting();
        using var accepted = Client(server);

        await accepted.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
    }

    [EmulatorOnlyFact]
    public async Task Data_directory_should_keep_a_document_nested_as_deep_as_MongoDB_allows()
    {
        var directory = Path.Combine(Path.GetTempPath(), "emu-" + Guid.NewGuid().ToString("N"));
        try
        {
            // 100 levels: the journal record that wraps it is deeper still, and must be written all the same.
            BsonValue nested = new BsonDocument("leaf", 1);
            for (var i = 0; i < 98; i++) nested = new BsonDocument("a", nested);
            var document = new BsonDocument { { "_id", 1 }, { "x", nested } };
            var options = new MongoEmulatorOptions { DataDirectory = directory };
            await using (var server = await MongoEmulatorServer.StartAsync(options))
            {
                using var client = Client(server);
                await client.GetDatabase("d").GetCollection<BsonDocument>("c").InsertOneAsync(document);
            }

            await using var restarted = await MongoEmulatorServer.StartAsync(options);
            using var reader = Client(restarted);
            var reloaded = await reader.GetDatabase("d").GetCollection<BsonDocument>("c")
                .Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

            Assert.Equal(document, Assert.Single(reloaded));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [EmulatorOnlyFact]
    public async Task Data_directory_should_survive_restart_and_torn_tail()
    {
        var directory = Path.Combine(Path.GetTempPath(), "emu-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new MongoEmulatorOptions { DataDirectory = directory };
            await using (var server = await MongoEmulatorServer.StartAsync(options))
            {
                using var client = Client(server);
                var collection = client.GetDatabase("d").GetCollection<BsonDocument>("c");
                await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
                    new BsonDocument("k", 1), new CreateIndexOptions { Unique = true }));
                await collection.InsertManyAsync(
                    Enumerable.Range(0, 5).Select(i => new BsonDocument { { "_id", i }, { "k", i } }));
                await collection.UpdateOneAsync(
                    new BsonDocument("_id", 0), new BsonDocument("$set", new BsonDocument("x", 1)));
                await collection.DeleteOneAsync(new BsonDocument("_id", 4));
            }

            await File.AppendAllTextAsync(Path.Combine(directory, "journal.bin"), "torn garbage");
            await using var restarted = await MongoEmulatorServer.StartAsync(options);
            using var reader = Client(restarted);
            var reloaded = reader.GetDatabase("d").GetCollection<BsonDocument>("c");

            Assert.Equal(4, await reloaded.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
            Assert.Equal(1, (await reloaded.Find(new BsonDocument("_id", 0)).SingleAsync())["x"].AsInt32);
            await Assert.ThrowsAsync<MongoWriteException>(
                () => reloaded.InsertOneAsync(new BsonDocument { { "_id", 9 }, { "k", 1 } }));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
