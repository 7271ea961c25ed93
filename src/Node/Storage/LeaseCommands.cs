using MongoDB.Bson;
using MongoDB.Driver;
using F = HaScheduler.Node.Storage.LeaseFields;

namespace HaScheduler.Node.Storage;

/// <summary>
/// The lease's filters and pipeline updates. Every time is <c>$$NOW</c>, evaluated by the database, so expiry
/// never depends on the nodes' clocks agreeing. Owner strings are wrapped in <c>$literal</c> because a
/// pipeline would read a leading <c>$</c> as a field path.
/// </summary>
internal static class LeaseCommands
{
    private const string Now = "$$NOW";

    /// <summary>
    /// Free, expired (by the database clock), already ours, or not credible: an expiry further away than one
    /// duration (ours) from now cannot have been written by a holder renewing with this configuration, only
    /// by hand or by a bug, and honouring it would leave the scheduler without a leader until then. A
    /// non-date expiry sorts before any date (BSON order), so it reads as expired.
    /// </summary>
    public static BsonDocument AcquireFilter(string name, string owner, TimeSpan duration) => new()
    {
        { F.Id, name },
        {
            "$or", new BsonArray
            {
                new BsonDocument(F.Holder, owner),
                new BsonDocument(F.Holder, BsonNull.Value),
                new BsonDocument("$expr", new BsonDocument("$lt", new BsonArray { "$" + F.ExpiresAt, Now })),
                new BsonDocument("$expr", new BsonDocument("$gt", new BsonArray
                {
                    "$" + F.ExpiresAt, ExpiresAfter(duration),
                })),
            }
        },
    };

    /// <summary>
    /// Takes the lease. A new term (epoch + 1, new acquired_at, one more transition) unless this owner already
    /// holds it unexpired: then acquiring again is an idempotent renewal. A holder coming back after its own
    /// lease expired gets a new epoch too, so its earlier claims are fenced like anyone else's.
    /// </summary>
    public static UpdateDefinition<BsonDocument> AcquireUpdate(string owner, TimeSpan duration)
    {
        var sameTerm = new BsonDocument("$and", new BsonArray
        {
            new BsonDocument("$eq", new BsonArray { "$" + F.Holder, Literal(owner) }),
            new BsonDocument("$gte", new BsonArray { "$" + F.ExpiresAt, Now }),
        });
        var set = new BsonDocument
        {
            { F.Epoch, NextIfNewTerm(sameTerm, F.Epoch) },
            { F.Transitions, NextIfNewTerm(sameTerm, F.Transitions) },
            { F.AcquiredAt, new BsonDocument("$cond", new BsonArray { sameTerm, "$" + F.AcquiredAt, Now }) },
            { F.Holder, Literal(owner) },
            { F.RenewedAt, Now },
            { F.ExpiresAt, ExpiresAfter(duration) },
            { F.DurationMs, DurationMs(duration) },
        };
        return Pipeline(new BsonDocument("$set", set));
    }

    /// <summary>Only the holder of exactly this term may renew or release.</summary>
    public static BsonDocument HeldFilter(string name, string owner, long epoch) => new()
    {
        { F.Id, name },
        { F.Holder, owner },
        { F.Epoch, new BsonInt64(epoch) },
    };

    public static UpdateDefinition<BsonDocument> RenewUpdate(TimeSpan duration) =>
        Pipeline(new BsonDocument("$set", new BsonDocument
        {
            { F.RenewedAt, Now },
            { F.ExpiresAt, ExpiresAfter(duration) },
            { F.DurationMs, DurationMs(duration) },
        }));

    /// <summary>Frees the lease now; the epoch stays, so the next holder gets epoch + 1.</summary>
    public static UpdateDefinition<BsonDocument> ReleaseUpdate() =>
        Pipeline(new BsonDocument("$set", new BsonDocument
        {
            { F.Holder, BsonNull.Value },
            { F.ExpiresAt, Now },
        }));

    private static BsonDocument NextIfNewTerm(BsonDocument sameTerm, string field) =>
        new("$cond", new BsonArray
        {
            sameTerm,
            "$" + field,
            new BsonDocument("$add", new BsonArray
            {
                new BsonDocument("$ifNull", new BsonArray { "$" + field, new BsonInt64(0) }),
                new BsonInt64(1),
            }),
        });

    private static BsonDocument ExpiresAfter(TimeSpan duration) =>
        new("$add", new BsonArray { Now, DurationMs(duration) });

    private static BsonInt64 DurationMs(TimeSpan duration) => new((long)duration.TotalMilliseconds);

    private static BsonDocument Literal(string value) => new("$literal", value);

    private static UpdateDefinition<BsonDocument> Pipeline(BsonDocument stage) =>
        Builders<BsonDocument>.Update.Pipeline(
            new BsonDocumentStagePipelineDefinition<BsonDocument, BsonDocument>([stage]));
}
