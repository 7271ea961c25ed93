using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// The aggregation stages the emulator supports over an in-memory sequence of documents:
/// <c>$match $skip $limit $sort $project $addFields $set $unset $replaceWith $replaceRoot $count</c>
/// and <c>$group</c> with <c>_id</c> constant/null and <c>$sum</c> accumulators (what CountDocuments sends).
/// Anything else throws <see cref="MongoCommandError"/> (unknown stage: 40324; known but
/// unsupported such as <c>$lookup</c>: NotImplemented naming the stage).
/// </summary>
public sealed class Pipeline
{
    public static Pipeline Parse(BsonArray stages) => throw new NotImplementedException();

    /// <summary>Stage names in order, e.g. to validate a change-stream pipeline.</summary>
    public IReadOnlyList<string> StageNames => throw new NotImplementedException();

    public IEnumerable<BsonDocument> Run(IEnumerable<BsonDocument> input, ExpressionContext context) =>
        throw new NotImplementedException();
}

/// <summary>System variables for expressions: <c>$$NOW</c>, <c>$$CLUSTER_TIME</c>.</summary>
public sealed record ExpressionContext(DateTime Now, BsonTimestamp ClusterTime);
