using HaScheduler.MongoEmulator.Engine;
using HaScheduler.MongoEmulator.Server.ChangeStreams;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>aggregate: change streams, or a pipeline over a materialized collection snapshot.</summary>
internal static class AggregateCommand
{
    public static void Register(Dictionary<string, CommandHandler> handlers)
    {
        handlers["aggregate"] = c => ValueTask.FromResult(Execute(c));
    }

    private static BsonDocument Execute(CommandContext context)
    {
        var stages = Documents.Array(context, "pipeline");
        if (context.Document("cursor") is null && !context.Bool("explain"))
        {
            throw new MongoCommandError(9, "FailedToParse",
                "The 'cursor' option is required, except for aggregate with the explain argument");
        }

        if (stages.Count > 0 && stages[0] is BsonDocument { ElementCount: > 0 } first
            && first.GetElement(0).Name == "$changeStream")
        {
            return ChangeStreamOpener.Open(context, stages);
        }

        if (context.Command[0] is not BsonString)
        {
            throw MongoCommandError.NotImplemented("collection-less aggregate is only supported for $changeStream");
        }

        var pipeline = Pipeline.Parse(stages);
        List<BsonDocument> input;
        using (context.State.Store.Gate.EnterRead())
        {
            var collection = context.State.Store.Catalog.Get(context.Database, context.CollectionName);
            // A leading $match can use an index; Run re-applies it, so this only narrows the input.
            var filter = stages.Count > 0 && stages[0] is BsonDocument stage && stage.GetElement(0).Name == "$match"
                && stage[0] is BsonDocument match
                ? Queries.Filter(match)
                : null;
            input = collection?.Find(filter, context.Expressions).ConvertAll(r => r.Document) ?? [];
        }

        var results = pipeline.Run(input, context.Expressions).ToList();
        var batchSize = QueryCommands.BatchSize(context.Document("cursor"));
        return QueryCommands.OpenCursor(context, context.FullName, results, null, batchSize, false);
    }
}
