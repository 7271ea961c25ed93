using Akka.Actor;
using HaScheduler.Messages;
using HaScheduler.Messages.Api;
using HaScheduler.Node.Api;
using HaScheduler.Node.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace HaScheduler.Node.Tests.Api;

public sealed class ScheduleApiActorSpecs : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static readonly ScheduleSpec EveryThreeSeconds =
        new("test", ScheduleType.Duration, new ScheduleDefinition(Interval: "3s"));

    private readonly InMemoryScheduleStore _store = new();
    private readonly InMemoryRunLedger _runs = new();

    [Fact]
    public async Task CreateSchedule_should_store_the_spec_and_reply_with_the_schedule_when_storage_is_up()
    {
        var actor = StartActor(_store);

        actor.Tell(new CreateSchedule(EveryThreeSeconds), TestActor);

        var reply = await ExpectMsgAsync<CreateScheduleResponse>(Wait);
        Assert.Equal(EveryThreeSeconds, reply.Schedule.Spec);
        Assert.Equal(reply.Schedule, Assert.Single(_store.Snapshot()));
    }

    [Fact]
    public async Task GetSchedule_should_reply_not_found_when_the_id_is_unknown()
    {
        var actor = StartActor(_store);

        actor.Tell(new GetSchedule("sch_missing"), TestActor);

        Assert.Equal("sch_missing", (await ExpectMsgAsync<ScheduleNotFoundResponse>(Wait)).Id);
    }

    [Fact]
    public async Task ListSchedules_should_give_the_next_cursor_only_when_another_page_exists()
    {
        var ids = await CreateManyAsync(3);
        var actor = StartActor(_store);

        actor.Tell(new ListSchedules(2, null), TestActor);
        var first = await ExpectMsgAsync<ListSchedulesResponse>(Wait);
        actor.Tell(new ListSchedules(2, first.NextAfter), TestActor);
        var last = await ExpectMsgAsync<ListSchedulesResponse>(Wait);

        Assert.Equal(ids[..2], first.Items.Select(s => s.Id));
        Assert.Equal(ids[1], first.NextAfter);
        Assert.Equal(ids[2..], last.Items.Select(s => s.Id));
        Assert.Null(last.NextAfter);
    }

    [Fact]
    public async Task ReplaceSchedule_should_reply_version_mismatch_and_change_nothing_when_version_is_stale()
    {
        var created = await _store.CreateAsync(EveryThreeSeconds, CancellationToken.None);
        var actor = StartActor(_store);
        var changed = EveryThreeSeconds with { Name = "changed" };

        actor.Tell(new ReplaceSchedule(created.Id, changed, ExpectedVersion: 7), TestActor);

        var reply = await ExpectMsgAsync<VersionMismatchResponse>(Wait);
        Assert.Equal((created.Id, 7L, 1L), (reply.Id, reply.ExpectedVersion, reply.CurrentVersion));
        Assert.Equal(created, Assert.Single(_store.Snapshot()));
    }

    [Fact]
    public async Task ReplaceSchedule_should_bump_the_version_when_the_expected_version_matches()
    {
        var created = await _store.CreateAsync(EveryThreeSeconds, CancellationToken.None);
        var actor = StartActor(_store);

        actor.Tell(new ReplaceSchedule(created.Id, EveryThreeSeconds with { Name = "b" }, 1), TestActor);

        var reply = await ExpectMsgAsync<ReplaceScheduleResponse>(Wait);
        Assert.Equal(("b", 2L), (reply.Schedule.Spec.Name, reply.Schedule.Version));
    }

    [Fact]
    public async Task ReplaceSchedule_should_reply_not_found_when_the_id_is_unknown()
    {
        var actor = StartActor(_store);

        actor.Tell(new ReplaceSchedule("sch_missing", EveryThreeSeconds, null), TestActor);

        await ExpectMsgAsync<ScheduleNotFoundResponse>(Wait);
    }

    [Fact]
    public async Task DeleteSchedule_should_reply_with_the_deleted_schedule_when_it_exists()
    {
        var created = await _store.CreateAsync(EveryThreeSeconds, CancellationToken.None);
        var actor = StartActor(_store);

        actor.Tell(new DeleteSchedule(created.Id, null), TestActor);
        var deleted = await ExpectMsgAsync<DeleteScheduleResponse>(Wait);
        actor.Tell(new DeleteSchedule(created.Id, null), TestActor);

        Assert.Equal(created, deleted.Schedule);
        await ExpectMsgAsync<ScheduleNotFoundResponse>(Wait);
        Assert.Empty(_store.Snapshot());
    }

    [Fact]
    public async Task ListRuns_should_reply_not_found_when_the_schedule_does_not_exist()
    {
        var actor = StartActor(_store);

        actor.Tell(new ListRuns("sch_missing", 10, null), TestActor);

        await ExpectMsgAsync<ScheduleNotFoundResponse>(Wait);
    }

    [Fact]
    public async Task ListRuns_should_page_newest_first_when_there_are_more_runs_than_the_limit()
    {
        var created = await _store.CreateAsync(EveryThreeSeconds, CancellationToken.None);
        var t0 = new DateTimeOffset(2025, 3, 14, 22, 0, 0, TimeSpan.Zero);
        _runs.Add([.. Enumerable.Range(0, 3).Select(i => Run(created.Id, t0.AddSeconds(i)))]);
        var actor = StartActor(_store);

        actor.Tell(new ListRuns(created.Id, 2, null), TestActor);
        var first = await ExpectMsgAsync<ListRunsResponse>(Wait);
        actor.Tell(new ListRuns(created.Id, 2, first.NextBefore), TestActor);
        var last = await ExpectMsgAsync<ListRunsResponse>(Wait);

        Assert.Equal([t0.AddSeconds(2), t0.AddSeconds(1)], first.Items.Select(r => r.Occurrence));
        Assert.Equal(t0.AddSeconds(1), first.NextBefore);
        Assert.Equal([t0], last.Items.Select(r => r.Occurrence));
        Assert.Null(last.NextBefore);
    }

    [Fact]
    public async Task Every_command_should_reply_storage_unavailable_when_MongoDB_cannot_be_reached()
    {
        _store.FailAsUnavailable();
        var actor = StartActor(_store);
        object[] commands =
        [
            new CreateSchedule(EveryThreeSeconds), new GetSchedule("a"), new ListSchedules(1, null),
            new ReplaceSchedule("a", EveryThreeSeconds, null), new DeleteSchedule("a", null),
            new ListRuns("a", 1, null),
        ];

        foreach (var command in commands)
        {
            actor.Tell(command, TestActor);
            await ExpectMsgAsync<StorageUnavailableResponse>(Wait);
        }

        Assert.Empty(_store.Snapshot());
    }

    [Fact]
    public async Task GetSchedule_should_reply_a_failure_status_when_the_store_throws_unexpectedly()
    {
        _store.Failure = new InvalidOperationException("bug");
        var actor = StartActor(_store);

        actor.Tell(new GetSchedule("a"), TestActor);

        var failure = await ExpectMsgAsync<Status.Failure>(Wait);
        Assert.IsType<InvalidOperationException>(failure.Cause);
    }

    [Fact]
    public async Task ScheduleApiActor_should_answer_other_requests_when_one_storage_call_is_slow()
    {
        var gated = new GatedStore(_store);
        var created = await _store.CreateAsync(EveryThreeSeconds, CancellationToken.None);
        var actor = StartActor(gated);
        var slow = CreateTestProbe();

        actor.Tell(new GetSchedule(GatedStore.BlockedId), slow.Ref);
        actor.Tell(new GetSchedule(created.Id), TestActor);

        Assert.Equal(created, (await ExpectMsgAsync<GetScheduleResponse>(Wait)).Schedule);
        await slow.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        gated.Release();
        await slow.ExpectMsgAsync<ScheduleNotFoundResponse>(Wait);
    }

    private IActorRef StartActor(IScheduleStore store) => Sys.ActorOf(Props.Create(() => new ScheduleApiActor(
        store, _runs, Options.Create(new ScheduleApiOptions()), NullLogger<ScheduleApiActor>.Instance)));

    private async Task<string[]> CreateManyAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await _store.CreateAsync(EveryThreeSeconds, CancellationToken.None)).Id);
        }

        return [.. ids];
    }

    private static RunRecord Run(string scheduleId, DateTimeOffset occurrence) =>
        new(scheduleId, occurrence, occurrence, "127.0.0.1:4053", 1, RunStatus.Fired);

    /// <summary>Holds reads of <see cref="BlockedId"/> until released; the rest pass straight on.</summary>
    private sealed class GatedStore(InMemoryScheduleStore inner) : IScheduleStore
    {
        public const string BlockedId = "sch_blocked";

        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public async Task<Schedule?> GetAsync(string id, CancellationToken ct)
        {
            if (id == BlockedId)
            {
                await _gate.Task.WaitAsync(ct);
            }

            return await inner.GetAsync(id, ct);
        }

        public Task<Schedule> CreateAsync(ScheduleSpec spec, CancellationToken ct) =>
            inner.CreateAsync(spec, ct);

        public Task<IReadOnlyList<Schedule>> ListAsync(int limit, string? after, CancellationToken ct) =>
            inner.ListAsync(limit, after, ct);

        public Task<ReplaceResult> ReplaceAsync(
            string id, ScheduleSpec spec, long? expectedVersion, CancellationToken ct) =>
            inner.ReplaceAsync(id, spec, expectedVersion, ct);

        public Task<DeleteOutcome> DeleteAsync(string id, long? expectedVersion, CancellationToken ct) =>
            inner.DeleteAsync(id, expectedVersion, ct);

        public Task<IReadOnlyList<Schedule>> LoadAllAsync(CancellationToken ct) => inner.LoadAllAsync(ct);

        public Task<bool> PingAsync(CancellationToken ct) => inner.PingAsync(ct);
    }
}
