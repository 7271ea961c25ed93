using HaScheduler.Messages;
using HaScheduler.Node.Scheduling;
using HaScheduler.Node.Storage;
using HaScheduler.Node.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.Node.Tests.Storage;

public sealed class MongoRunLedgerTests(MongoTestDatabase mongo) : IClassFixture<MongoTestDatabase>
{
    private const string Sid = "sch_0000000000000000000000000a";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2030-05-01T12:00:00Z");

    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    private static (MongoRunLedger Ledger, IMongoDatabase Database) NewLedger(IMongoDatabase database) =>
        (new MongoRunLedger(
            database,
            Options.Create(new SchedulingOptions { RunRetention = TimeSpan.FromDays(1) }),
            NullLogger<MongoRunLedger>.Instance), database);

    private async Task<(MongoRunLedger Ledger, IMongoDatabase Database)> NewLedgerAsync()
    {
        var database = mongo.NewDatabase();
        await MongoIndexes.EnsureAsync(database, Ct);
        return NewLedger(database);
    }

    [Fact]
    public async Task TryClaim_should_succeed_exactly_once_when_claimers_race_for_one_occurrence()
    {
        var (ledger, _) = await NewLedgerAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => ledger.TryClaimAsync(Sid, At(10), epoch: 1, $"node-{i}", Ct))));

        Assert.Single(results, claimed => claimed);
        var run = Assert.Single(await ledger.ListAsync(Sid, 10, null, Ct));
        Assert.Equal(RunStatus.Claimed, run.Status);
        Assert.Equal(At(10), run.Occurrence);
        Assert.Equal(1, run.Epoch);
    }

    [Fact]
    public async Task TryClaim_should_refuse_when_occurrence_is_not_after_the_position()
    {
        var (ledger, _) = await NewLedgerAsync();
        Assert.True(await ledger.TryClaimAsync(Sid, At(20), 1, "a", Ct));

        var same = await ledger.TryClaimAsync(Sid, At(20), 1, "a", Ct);
        var older = await ledger.TryClaimAsync(Sid, At(10), 1, "a", Ct);
        var newer = await ledger.TryClaimAsync(Sid, At(30), 1, "a", Ct);

        Assert.False(same);
        Assert.False(older);
        Assert.True(newer);
    }

    [Fact]
    public async Task TryClaim_should_refuse_a_stale_epoch_when_a_new_leader_has_fenced()
    {
        var (ledger, _) = await NewLedgerAsync();
        const string unclaimed = "sch_0000000000000000000000000b";
        Assert.True(await ledger.TryClaimAsync(Sid, At(10), 1, "old", Ct));

        var positions = await ledger.FenceAndLoadPositionsAsync(2, [Sid, unclaimed], "new", Ct);
        var staleExisting = await ledger.TryClaimAsync(Sid, At(20), 1, "old", Ct);
        var staleCreated = await ledger.TryClaimAsync(unclaimed, At(20), 1, "old", Ct);
        var current = await ledger.TryClaimAsync(Sid, At(20), 2, "new", Ct);
        var currentFirst = await ledger.TryClaimAsync(unclaimed, At(20), 2, "new", Ct);

        Assert.Equal(At(10), positions[Sid]);
        Assert.False(positions.ContainsKey(unclaimed));
        Assert.False(staleExisting);
        Assert.False(staleCreated);
        Assert.True(current);
        Assert.True(currentFirst);
    }

    [Fact]
    public async Task TryClaim_should_keep_positions_monotonic_when_claims_arrive_out_of_order()
    {
        var (ledger, _) = await NewLedgerAsync();
        var order = new[] { 5, 3, 9, 7, 12, 1 };

        var results = new List<bool>();
        foreach (var second in order)
        {
            results.Add(await ledger.TryClaimAsync(Sid, At(second), 1, "a", Ct));
        }

        var positions = await ledger.FenceAndLoadPositionsAsync(1, [Sid], "a", Ct);
        Assert.Equal([true, false, true, false, true, false], results);
        Assert.Equal(At(12), positions[Sid]);
    }

    [Fact]
    public async Task RecordOutcome_should_store_fired_time_and_error_when_the_run_was_claimed()
    {
        var (ledger, database) = await NewLedgerAsync();
        await ledger.TryClaimAsync(Sid, At(10), 1, "a", Ct);

        await ledger.RecordOutcomeAsync(
            Sid, At(10), RunStatus.Failed, At(11), TimeSpan.FromMilliseconds(1500), "boom", Ct);

        var run = Assert.Single(await ledger.ListAsync(Sid, 10, null, Ct));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(At(11), run.FiredAt);
        Assert.Equal("boom", run.Error);
        var raw = await Runs(database).Find(new BsonDocument("_id", $"{Sid}|{At(10).ToUnixTimeMilliseconds()}"))
            .SingleAsync();
        Assert.Equal(1500, raw["lateness_ms"].ToInt64());
        var expireAt = raw["expire_at"].ToUniversalTime();
        Assert.InRange(expireAt, DateTime.UtcNow.AddHours(23), DateTime.UtcNow.AddHours(25));
    }

    [Fact]
    public async Task RecordSkipped_should_record_and_block_the_occurrences_when_epoch_is_current()
    {
        var (ledger, _) = await NewLedgerAsync();

        await ledger.RecordSkippedAsync(Sid, [At(1), At(2), At(3)], 1, "a", Ct);
        var claimSkipped = await ledger.TryClaimAsync(Sid, At(3), 1, "a", Ct);
        var claimNext = await ledger.TryClaimAsync(Sid, At(4), 1, "a", Ct);

        var runs = await ledger.ListAsync(Sid, 10, null, Ct);
        Assert.False(claimSkipped);
        Assert.True(claimNext);
        Assert.Equal([At(4), At(3), At(2), At(1)], runs.Select(r => r.Occurrence));
        Assert.Equal(3, runs.Count(r => r.Status == RunStatus.Skipped));
    }

    [Fact]
    public async Task RecordSkipped_should_record_older_occurrences_when_the_latest_was_fired_first()
    {
        var (ledger, _) = await NewLedgerAsync();
        Assert.True(await ledger.TryClaimAsync(Sid, At(3), 1, "a", Ct));

        await ledger.RecordSkippedAsync(Sid, [At(1), At(2), At(3)], 1, "a", Ct);

        var runs = await ledger.ListAsync(Sid, 10, null, Ct);
        Assert.Equal(RunStatus.Claimed, runs.Single(r => r.Occurrence == At(3)).Status);
        Assert.Equal(2, runs.Count(r => r.Status == RunStatus.Skipped));
    }

    [Fact]
    public async Task RecordSkipped_should_write_nothing_when_the_epoch_is_fenced()
    {
        var (ledger, _) = await NewLedgerAsync();
        await ledger.FenceAndLoadPositionsAsync(5, [Sid], "new", Ct);

        await ledger.RecordSkippedAsync(Sid, [At(1), At(2)], 4, "old", Ct);

        Assert.Empty(await ledger.ListAsync(Sid, 10, null, Ct));
    }

    [Fact]
    public async Task Fence_should_record_unknown_run_when_a_leader_died_between_claim_and_run_insert()
    {
        var (ledger, database) = await NewLedgerAsync();
        await ledger.TryClaimAsync(Sid, At(10), 3, "dead", Ct);
        await Runs(database).DeleteManyAsync(FilterDefinition<BsonDocument>.Empty);

        var positions = await ledger.FenceAndLoadPositionsAsync(4, [Sid], "new", Ct);

        var run = Assert.Single(await ledger.ListAsync(Sid, 10, null, Ct));
        Assert.Equal(At(10), positions[Sid]);
        Assert.Equal(RunStatus.Unknown, run.Status);
        Assert.Equal(3, run.Epoch);
        Assert.Equal("dead", run.Node);
        Assert.False(await ledger.TryClaimAsync(Sid, At(10), 4, "new", Ct));
    }

    [Fact]
    public async Task Fence_should_mark_unreported_claims_unknown_and_accept_a_late_outcome_when_taking_over()
    {
        var (ledger, _) = await NewLedgerAsync();
        await ledger.TryClaimAsync(Sid, At(10), 3, "paused", Ct);

        await ledger.FenceAndLoadPositionsAsync(4, [Sid], "new", Ct);
        var afterFence = Assert.Single(await ledger.ListAsync(Sid, 10, null, Ct));
        await ledger.RecordOutcomeAsync(
            Sid, At(10), RunStatus.Fired, At(12), TimeSpan.FromSeconds(2), null, Ct);
        var afterReport = Assert.Single(await ledger.ListAsync(Sid, 10, null, Ct));

        Assert.Equal(RunStatus.Unknown, afterFence.Status);
        Assert.Equal(RunStatus.Fired, afterReport.Status);
        Assert.Equal(At(12), afterReport.FiredAt);
    }

    [Fact]
    public async Task Fence_should_mark_claims_unknown_when_an_earlier_incarnation_at_the_same_epoch_left_them()
    {
        var (ledger, _) = await NewLedgerAsync();
        await ledger.FenceAndLoadPositionsAsync(2, [Sid], "a", Ct);
        await ledger.TryClaimAsync(Sid, At(10), 2, "a", Ct);

        // The singleton stopped (lease lost) and the same node re-acquired the lease without an epoch change.
        await ledger.FenceAndLoadPositionsAsync(2, [Sid], "a", Ct);
        var afterFence = Assert.Single(await ledger.ListAsync(Sid, 10, null, Ct));

        Assert.Equal(RunStatus.Unknown, afterFence.Status);
        Assert.Equal(2, afterFence.Epoch);
    }

    [Fact]
    public async Task List_should_page_newest_first_when_before_is_the_oldest_seen()
    {
        var (ledger, _) = await NewLedgerAsync();
        for (var i = 1; i <= 5; i++)
        {
            await ledger.TryClaimAsync(Sid, At(i), 1, "a", Ct);
        }

        await ledger.TryClaimAsync("sch_0000000000000000000000000z", At(9), 1, "a", Ct);

        var first = await ledger.ListAsync(Sid, 2, null, Ct);
        var second = await ledger.ListAsync(Sid, 2, first[^1].Occurrence, Ct);
        var third = await ledger.ListAsync(Sid, 2, second[^1].Occurrence, Ct);

        var pages = first.Concat(second).Concat(third);
        Assert.Equal([At(5), At(4), At(3), At(2), At(1)], pages.Select(r => r.Occurrence));
    }

    [Fact]
    public async Task Forget_should_remove_the_position_when_the_schedule_is_deleted()
    {
        var (ledger, _) = await NewLedgerAsync();
        await ledger.TryClaimAsync(Sid, At(10), 1, "a", Ct);

        await ledger.ForgetAsync(Sid, Ct);
        var positions = await ledger.FenceAndLoadPositionsAsync(2, [], "a", Ct);

        Assert.Empty(positions);
    }

    private static IMongoCollection<BsonDocument> Runs(IMongoDatabase database) =>
        database.GetCollection<BsonDocument>("runs");
}
