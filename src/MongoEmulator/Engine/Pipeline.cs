using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// The aggregation stages the emulator supports over an in-memory sequence of documents:
/// <c>$match $skip $limit $sort $project $addFields $set $unset $replaceWith $replaceRoot $count
/// $unwind</c> and <c>$group</c> (<c>_id</c> any expression; <c>$sum $avg $min $max $first $last $push
/// $addToSet</c>). Anything else throws <see cref="MongoCommandError"/> (unknown stage: 40324; known but
/// unsupported such as <c>$lookup</c>: NotImplemented naming the stage). <c>$changeStream</c> is accepted
/// by <see cref="Parse"/> (so <see cref="StageNames"/> can validate a change-stream pipeline) but must be
/// stripped by the server before <see cref="Run"/>.
/// </summary>
public sealed class Pipeline
{
    private static readonly HashSet<string> UpdateStages =
        ["$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith"];

    private readonly StageRunner[] _stages;

    private Pipeline(string[] names, StageRunner[] stages)
    {
        StageNames = names;
        _stages = stages;
    }

    public static Pipeline Parse(BsonArray stages)
    {
        var names = new string[stages.Count];
        var runners = new StageRunner[stages.Count];
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i] is not BsonDocument { ElementCount: 1 } stage)
            {
                throw new MongoCommandError(40323, "Location40323",
                    "A pipeline stage specification object must contain exactly one field.");
            }

            var element = stage.GetElement(0);
            names[i] = element.Name;
            runners[i] = PipelineStages.Compile(element.Name, element.Value);
        }

        return new Pipeline(names, runners);
    }

    /// <summary>Stage names in order, e.g. to validate a change-stream pipeline.</summary>
    public IReadOnlyList<string> StageNames { get; }

    /// <summary>Runs the stages lazily; blocking stages ($sort, $group, $count) buffer their input.</summary>
    public IEnumerable<BsonDocument> Run(IEnumerable<BsonDocument> input, ExpressionContext context)
    {
        var current = input;
        foreach (var stage in _stages)
        {
            current = stage(current, context);
        }

        return current;
    }

    /// <summary>A pipeline-style update: only the stages MongoDB allows inside an update.</summary>
    internal static Pipeline ParseForUpdate(BsonArray stages)
    {
        foreach (var stage in stages)
        {
            if (stage is BsonDocument { ElementCount: 1 } d && !UpdateStages.Contains(d.GetElement(0).Name))
            {
                throw new MongoCommandError(72, "InvalidOptions",
                    $"{d.GetElement(0).Name} is not allowed to be used within an update");
            }
        }

        return Parse(stages);
    }
}

/// <summary>System variables for expressions: <c>$$NOW</c>, <c>$$CLUSTER_TIME</c>.</summary>
public sealed record ExpressionContext(DateTime Now, BsonTimestamp ClusterTime);
