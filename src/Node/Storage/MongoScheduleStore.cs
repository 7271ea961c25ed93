using HaScheduler.Messages;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.Node.Storage;

/// <summary>
/// The <c>schedules</c> collection through explicit BSON mapping (<see cref="ScheduleDocumentMapper"/>).
/// Every write is acknowledged by a majority so that a schedule the API confirmed survives a failover.
/// </summary>
public sealed class MongoScheduleStore : IScheduleStore
{
    // A write that keeps losing the version race to other writers gives up rather than spinning.
    private const int MaxVersionRaceAttempts = 16;

    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    private readonly IMongoDatabase database;
    private readonly IMongoCollection<BsonDocument> schedules;

    public MongoScheduleStore(IMongoDatabase database)
    {
        this.database = database;
        schedules = database.GetCollection<BsonDocument>(MongoCollections.Schedules)
            .WithWriteConcern(WriteConcern.WMajority);
    }

    public async Task<Schedule> CreateAsync(ScheduleSpec spec, CancellationToken ct)
    {
        var now = MongoTime.Now();
        var schedule = new Schedule(ScheduleIds.New(), Canonical(spec), now, now, now, Version: 1);

        await schedules.InsertOneAsync(ScheduleDocumentMapper.ToDocument(schedule), cancellationToken: ct);
        return schedule;
    }

    public async Task<Schedule?> GetAsync(string id, CancellationToken ct)
    {
        var document = await schedules.Find(ById(id)).FirstOrDefaultAsync(ct);
        return document is null ? null : ScheduleDocumentMapper.FromDocument(document);
    }

    public async Task<IReadOnlyList<Schedule>> ListAsync(int limit, string? after, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filter = after is null ? Filter.Empty : Filter.Gt(ScheduleDocumentMapper.Fields.Id, after);

        var documents = await schedules.Find(filter)
            .Sort(Builders<BsonDocument>.Sort.Ascending(ScheduleDocumentMapper.Fields.Id))
            .Limit(limit)
            .ToListAsync(ct);
        return documents.ConvertAll(ScheduleDocumentMapper.FromDocument);
    }

    /// <summary>
    /// Read, decide the anchor, then write conditionally on the version read: the version check makes the
    /// read and the write one atomic step, and a lost race is simply read again.
    /// </summary>
    public async Task<ReplaceResult> ReplaceAsync(
        string id, ScheduleSpec spec, long? expectedVersion, CancellationToken ct)
    {
        var canonical = Canonical(spec);
        for (var attempt = 0; attempt < MaxVersionRaceAttempts; attempt++)
        {
            var current = await schedules.Find(ById(id)).FirstOrDefaultAsync(ct);
            if (current is null)
            {
                return new ReplaceResult.NotFound();
            }

            var stored = ScheduleDocumentMapper.FromDocument(current);
            if (expectedVersion is { } expected && expected != stored.Version)
            {
                return new ReplaceResult.VersionMismatch(stored.Version);
            }

            var now = MongoTime.Now();
            var anchor = SamePhase(current, canonical) ? stored.AnchorAt : now;
            var next = new Schedule(id, canonical, stored.CreatedAt, now, anchor, stored.Version + 1);
            var written = await schedules.FindOneAndReplaceAsync(
                Filter.And(ById(id), Filter.Eq(ScheduleDocumentMapper.Fields.Version, stored.Version)),
                ScheduleDocumentMapper.ToDocument(next),
                new FindOneAndReplaceOptions<BsonDocument> { ReturnDocument = ReturnDocument.After },
                ct);
            if (written is not null)
            {
                return new ReplaceResult.Replaced(ScheduleDocumentMapper.FromDocument(written));
            }
        }

        throw new InvalidOperationException(
            $"Schedule {id} changed concurrently {MaxVersionRaceAttempts} times in a row; "
            + "replace abandoned.");
    }

    /// <summary>
    /// One findOneAndDelete whose filter carries the expected version, so the check and the delete are one
    /// atomic step. When it matches nothing, a read tells a missing schedule from another version; it only
    /// explains the miss, it decides nothing.
    /// </summary>
    public async Task<DeleteOutcome> DeleteAsync(string id, long? expectedVersion, CancellationToken ct)
    {
        var filter = expectedVersion is { } version
            ? Filter.And(ById(id), Filter.Eq(ScheduleDocumentMapper.Fields.Version, version))
            : ById(id);
        for (var attempt = 0; attempt < MaxVersionRaceAttempts; attempt++)
        {
            var deleted = await schedules.FindOneAndDeleteAsync(filter, cancellationToken: ct);
            if (deleted is not null)
            {
                return new DeleteOutcome.Deleted(ScheduleDocumentMapper.FromDocument(deleted));
            }

            if (expectedVersion is not { } expected
                || await schedules.Find(ById(id)).FirstOrDefaultAsync(ct) is not { } current)
            {
                return new DeleteOutcome.NotFound();
            }

            var currentVersion = ScheduleDocumentMapper.FromDocument(current).Version;
            if (currentVersion != expected)
            {
                return new DeleteOutcome.VersionMismatch(currentVersion);
            }

            // A replace reached the expected version between the delete and the read: try the delete again.
        }

        throw new InvalidOperationException(
            $"Schedule {id} changed concurrently {MaxVersionRaceAttempts} times in a row; "
            + "delete abandoned.");
    }

    public async Task<IReadOnlyList<Schedule>> LoadAllAsync(CancellationToken ct)
    {
        var documents = await schedules.Find(Filter.Empty)
            .Sort(Builders<BsonDocument>.Sort.Ascending(ScheduleDocumentMapper.Fields.Id))
            .ToListAsync(ct);
        return documents.ConvertAll(ScheduleDocumentMapper.FromDocument);
    }

    public async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            var ping = new BsonDocument("ping", 1);
            var reply = await database.RunCommandAsync<BsonDocument>(ping, cancellationToken: ct);
            return reply.GetValue("ok", 0).ToDouble() == 1.0;
        }
        catch (Exception e) when (e is MongoException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Creates the indexes of every collection (idempotent): <see cref="MongoIndexes"/>.</summary>
    public Task EnsureIndexesAsync(CancellationToken ct) => MongoIndexes.EnsureAsync(database, ct);

    private static FilterDefinition<BsonDocument> ById(string id) =>
        Filter.Eq(ScheduleDocumentMapper.Fields.Id, id);

    /// <summary>The anchor (phase) stays when neither the type nor the definition changed.</summary>
    private static bool SamePhase(BsonDocument current, ScheduleSpec next) =>
        current[ScheduleDocumentMapper.Fields.Type] == ScheduleTypes.ToWire(next.Type)
        && current[ScheduleDocumentMapper.Fields.Definition]
            == ScheduleDocumentMapper.DefinitionToBson(next.Type, next.Definition);

    /// <summary>The spec as it reads back: the type's definition group only, times in milliseconds.</summary>
    private static ScheduleSpec Canonical(ScheduleSpec spec) => spec with
    {
        Definition = ScheduleDocumentMapper.DefinitionFromBson(
            ScheduleDocumentMapper.DefinitionToBson(spec.Type, spec.Definition)),
    };
}
