using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// A parsed update: an operator document (<c>$set</c>, <c>$inc</c>, ...), a replacement document,
/// or an aggregation pipeline (array of <c>$set/$addFields/$unset/$project/$replaceWith/$replaceRoot</c>).
/// </summary>
public sealed class UpdateSpec
{
    /// <summary>Parses an update; throws <see cref="MongoCommandError"/> (FailedToParse, code 9, etc.).</summary>
    public static UpdateSpec Parse(BsonValue update) => throw new NotImplementedException();

    public bool IsReplacement => throw new NotImplementedException();

    public bool IsPipeline => throw new NotImplementedException();

    /// <summary>
    /// Applies the update to a copy of <paramref name="document"/> (never mutates the input).
    /// Errors (ImmutableField 66, TypeMismatch 14, ConflictingUpdateOperators 40) are thrown as
    /// <see cref="MongoCommandError"/>.
    /// </summary>
    public UpdateOutcome Apply(BsonDocument document, UpdateContext context) => throw new NotImplementedException();
}

/// <param name="Now">The value of <c>$$NOW</c> / <c>$currentDate</c>: one value per command.</param>
/// <param name="ClusterTime">The value of <c>$$CLUSTER_TIME</c>.</param>
/// <param name="IsUpsertInsert">True when the document is the seed of an upsert (applies $setOnInsert).</param>
public sealed record UpdateContext(DateTime Now, BsonTimestamp ClusterTime, bool IsUpsertInsert);

/// <param name="Document">The document after the update (<c>_id</c> first).</param>
/// <param name="Modified">False for a no-op (no change event, nModified 0).</param>
/// <param name="UpdatedFields">Dotted path to new value, as change events report them.</param>
/// <param name="RemovedFields">Dotted paths removed.</param>
public sealed record UpdateOutcome(
    BsonDocument Document,
    bool Modified,
    BsonDocument UpdatedFields,
    IReadOnlyList<string> RemovedFields);
