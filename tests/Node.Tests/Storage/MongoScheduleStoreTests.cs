using HaScheduler.Messages;
using HaScheduler.Node.Storage;
using HaScheduler.Node.Tests.Support;
using HaScheduler.Testing;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Node.Tests.Storage;

public sealed class MongoScheduleStoreTests(MongoTestDatabase mongo) : IClassFixture<MongoTestDatabase>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static ScheduleSpec Every(string interval, string name = "tick") =>
        new(name, ScheduleType.Duration, new ScheduleDefinition(Interval: interval));

    [Fact]
    public async Task Create_should_store_schedule_with_server_fields_when_spec_is_valid()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var spec = new ScheduleSpec(
            "nightly",
            ScheduleType.Cron,
            new ScheduleDefinition("0 3 * * *", "Europe/Paris"),
            MisfirePolicy.Skip);

        var created = await store.CreateAsync(spec, Ct);
        var read = await store.GetAsync(created.Id, Ct);

        Assert.Matches("^sch_[0-9a-hjkmnp-tv-z]{26}$", created.Id);
        Assert.Equal(1, created.Version);
        Assert.Equal(created.CreatedAt, created.AnchorAt);
        Assert.NotNull(read);
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(spec, read.Spec);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task Create_should_write_snake_case_document_when_stored()
    {
        var database = mongo.NewDatabase();
        var store = new MongoScheduleStore(database);
        var times = new[] { DateTimeOffset.Parse("2030-01-01T00:00:00.1234567Z") };
        var spec = new ScheduleSpec("once", ScheduleType.AtTimes, new ScheduleDefinition(Times: times));

        var created = await store.CreateAsync(spec, Ct);
        var raw = await database.GetCollection<BsonDocument>("schedules")
            .Find(new BsonDocument("_id", created.Id)).SingleAsync();

        Assert.Equal("at_times", raw["type"].AsString);
        Assert.Equal("fire_once", raw["misfire_policy"].AsString);
        Assert.Equal(BsonType.DateTime, raw["created_at"].BsonType);
        Assert.Equal(BsonType.DateTime, raw["anchor_at"].BsonType);
        Assert.Equal(BsonType.Int64, raw["version"].BsonType);
        var stored = raw["definition"]["times"].AsBsonArray.Single().ToUniversalTime();
        Assert.Equal(DateTimeOffset.Parse("2030-01-01T00:00:00.123Z").UtcDateTime, stored);
    }

    [Fact]
    public async Task Get_should_return_null_when_id_is_unknown()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());

        var read = await store.GetAsync("sch_00000000000000000000000000", Ct);

        Assert.Null(read);
    }

    [Fact]
    public void Ids_should_sort_by_creation_when_created_in_sequence()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => ScheduleIds.New()).ToList();

        var sorted = ids.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(ids, sorted);
        Assert.All(ids, id => Assert.True(ScheduleIds.IsWellFormed(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task List_should_page_in_creation_order_when_after_is_the_last_id()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = new List<Schedule>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await store.CreateAsync(Every("1m", $"s{i}"), Ct));
        }

        var first = await store.ListAsync(2, null, Ct);
        var second = await store.ListAsync(2, first[^1].Id, Ct);
        var third = await store.ListAsync(2, second[^1].Id, Ct);
        var all = await store.LoadAllAsync(Ct);

        Assert.Equal(created.Select(s => s.Id), first.Concat(second).Concat(third).Select(s => s.Id));
        Assert.Single(third);
        Assert.Equal(created.Select(s => s.Id), all.Select(s => s.Id));
    }

    [Fact]
    public async Task Replace_should_bump_version_and_keep_anchor_when_only_name_changes()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);

        var renamed = await store.ReplaceAsync(created.Id, Every("10s", "renamed"), created.Version, Ct);
        var same = await store.ReplaceAsync(created.Id, Every("10s", "renamed"), null, Ct);

        var first = Assert.IsType<ReplaceResult.Replaced>(renamed).Schedule;
        var second = Assert.IsType<ReplaceResult.Replaced>(same).Schedule;
        Assert.Equal(2, first.Version);
        Assert.Equal(3, second.Version);
        Assert.Equal("renamed", second.Spec.Name);
        Assert.Equal(created.AnchorAt, first.AnchorAt);
        Assert.Equal(created.AnchorAt, second.AnchorAt);
        Assert.Equal(created.CreatedAt, second.CreatedAt);
    }

    [Fact]
    public async Task Replace_should_move_anchor_when_definition_changes()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);
        await WaitForClockToPass(created.AnchorAt);

        var result = await store.ReplaceAsync(created.Id, Every("20s"), null, Ct);

        var replaced = Assert.IsType<ReplaceResult.Replaced>(result).Schedule;
        Assert.True(replaced.AnchorAt > created.AnchorAt);
        Assert.Equal(replaced.UpdatedAt, replaced.AnchorAt);
        Assert.Equal("20s", (await store.GetAsync(created.Id, Ct))!.Spec.Definition.Interval);
    }

    [Fact]
    public async Task Replace_should_move_anchor_when_type_changes()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);
        await WaitForClockToPass(created.AnchorAt);
        var cron = new ScheduleSpec("tick", ScheduleType.Cron, new ScheduleDefinition("*/10 * * * * *"));

        var result = await store.ReplaceAsync(created.Id, cron, created.Version, Ct);

        Assert.True(Assert.IsType<ReplaceResult.Replaced>(result).Schedule.AnchorAt > created.AnchorAt);
    }

    [Fact]
    public async Task Replace_should_report_version_mismatch_when_expected_version_is_stale()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);
        await store.ReplaceAsync(created.Id, Every("10s", "b"), created.Version, Ct);

        var result = await store.ReplaceAsync(created.Id, Every("10s", "c"), created.Version, Ct);

        Assert.Equal(new ReplaceResult.VersionMismatch(2), result);
        Assert.Equal("b", (await store.GetAsync(created.Id, Ct))!.Spec.Name);
    }

    [Fact]
    public async Task Replace_should_report_not_found_when_schedule_is_missing()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());

        var result = await store.ReplaceAsync(ScheduleIds.New(), Every("10s"), 1, Ct);

        Assert.IsType<ReplaceResult.NotFound>(result);
    }

    [Fact]
    public async Task Replace_should_let_exactly_one_writer_win_when_two_expect_the_same_version()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.ReplaceAsync(created.Id, Every("10s", $"w{i}"), created.Version, Ct)));

        Assert.Single(results, r => r is ReplaceResult.Replaced);
        Assert.Equal(7, results.Count(r => r is ReplaceResult.VersionMismatch));
        Assert.Equal(2, (await store.GetAsync(created.Id, Ct))!.Version);
    }

    [Fact]
    public async Task Delete_should_return_the_schedule_once_when_it_exists()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);

        var deleted = await store.DeleteAsync(created.Id, expectedVersion: null, Ct);
        var again = await store.DeleteAsync(created.Id, expectedVersion: null, Ct);

        Assert.Equal(created.Id, Assert.IsType<DeleteOutcome.Deleted>(deleted).Schedule.Id);
        Assert.IsType<DeleteOutcome.NotFound>(again);
        Assert.Null(await store.GetAsync(created.Id, Ct));
    }

    [Fact]
    public async Task Delete_should_remove_the_schedule_when_the_expected_version_is_current()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);
        await store.ReplaceAsync(created.Id, Every("10s", "b"), created.Version, Ct);

        var result = await store.DeleteAsync(created.Id, expectedVersion: 2, Ct);

        var deleted = Assert.IsType<DeleteOutcome.Deleted>(result).Schedule;
        Assert.Equal(("b", 2L), (deleted.Spec.Name, deleted.Version));
        Assert.Null(await store.GetAsync(created.Id, Ct));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(3L)]
    public async Task Delete_should_report_version_mismatch_and_keep_the_schedule_when_the_version_differs(
        long expected)
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);
        await store.ReplaceAsync(created.Id, Every("10s", "b"), created.Version, Ct);

        var result = await store.DeleteAsync(created.Id, expected, Ct);

        Assert.Equal(new DeleteOutcome.VersionMismatch(2), result);
        Assert.Equal(2, (await store.GetAsync(created.Id, Ct))?.Version);
    }

    [Fact]
    public async Task Delete_should_report_not_found_when_a_version_is_expected_and_the_schedule_is_missing()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());

        var result = await store.DeleteAsync(ScheduleIds.New(), expectedVersion: 1, Ct);

        Assert.IsType<DeleteOutcome.NotFound>(result);
    }

    [Fact]
    public async Task Delete_and_replace_should_not_both_win_when_they_expect_the_same_version()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());
        var created = await store.CreateAsync(Every("10s"), Ct);

        var replacing = store.ReplaceAsync(created.Id, Every("10s", "b"), created.Version, Ct);
        var deleting = store.DeleteAsync(created.Id, created.Version, Ct);
        var (replaced, deleted) = (await replacing, await deleting);

        var stored = await store.GetAsync(created.Id, Ct);
        var replaceWon = replaced is ReplaceResult.Replaced
            && deleted is DeleteOutcome.VersionMismatch(2) && stored?.Version == 2;
        var deleteWon = replaced is ReplaceResult.NotFound
            && deleted is DeleteOutcome.Deleted && stored is null;
        Assert.True(replaceWon || deleteWon, $"replace: {replaced}, delete: {deleted}, stored: {stored}");
    }

    [Fact]
    public async Task Ping_should_answer_true_when_mongodb_is_reachable()
    {
        var store = new MongoScheduleStore(mongo.NewDatabase());

        Assert.True(await store.PingAsync(Ct));
    }

    [Fact]
    public async Task EnsureIndexes_should_create_run_indexes_idempotently_when_called_twice()
    {
        var database = mongo.NewDatabase();
        var store = new MongoScheduleStore(database);

        await store.EnsureIndexesAsync(Ct);
        await store.EnsureIndexesAsync(Ct);
        var cursor = await database.GetCollection<BsonDocument>("runs").Indexes.ListAsync();
        var indexes = await cursor.ToListAsync();

        var unique = indexes.Single(i => i["name"] == MongoIndexes.RunsByOccurrence);
        Assert.True(unique["unique"].ToBoolean());
        var ttl = indexes.Single(i => i["name"] == MongoIndexes.RunsExpiry);
        Assert.Equal(0, ttl["expireAfterSeconds"].ToInt32());
        var claimed = indexes.Single(i => i["name"] == MongoIndexes.RunsClaimed);
        Assert.Equal(new BsonDocument("status", "claimed"), claimed["partialFilterExpression"]);
        Assert.Equal(4, indexes.Count);
    }

    [Fact]
    public async Task EnsureIndexes_should_drop_the_run_indexes_earlier_versions_created()
    {
        var database = mongo.NewDatabase();
        var runs = database.GetCollection<BsonDocument>("runs");
        await runs.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(
                new BsonDocument { { "schedule_id", 1 }, { "occurrence", -1 } },
                new CreateIndexOptions { Name = "schedule_id_1_occurrence_-1" }),
            new CreateIndexModel<BsonDocument>(
                new BsonDocument { { "status", 1 }, { "claimed_at", 1 } },
                new CreateIndexOptions { Name = "status_1_claimed_at_1" }),
        ]);

        await new MongoScheduleStore(database).EnsureIndexesAsync(Ct);
        var names = await (await runs.Indexes.ListAsync()).ToListAsync();

        Assert.Equal(
            ["_id_", MongoIndexes.RunsClaimed, MongoIndexes.RunsExpiry, MongoIndexes.RunsByOccurrence],
            names.Select(i => i["name"].AsString).Order(StringComparer.Ordinal));
    }

    /// <summary>Anchors have millisecond resolution: a change must land in a later millisecond.</summary>
    private static Task WaitForClockToPass(DateTimeOffset instant) =>
        Eventually.TrueAsync(() => DateTimeOffset.UtcNow > instant.AddMilliseconds(1), TimeSpan.FromSeconds(2));
}
