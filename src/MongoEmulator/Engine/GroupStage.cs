using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary><c>$group</c>: groups by an <c>_id</c> expression (1 == 1L == 1.0) in first-seen order.</summary>
internal static class GroupStage
{
    private static readonly HashSet<string> Accumulators =
        ["$sum", "$avg", "$min", "$max", "$first", "$last", "$push", "$addToSet", "$count"];

    public static StageRunner Compile(BsonDocument spec)
    {
        if (!spec.TryGetValue("_id", out var idSpec))
        {
            throw new MongoCommandError(15955, "Location15955", "a group specification must include an _id");
        }

        var key = ExpressionEvaluator.Compile(idSpec);
        var fields = new List<(string Name, string Op, CompiledExpression Arg)>();
        foreach (var element in spec.Where(e => e.Name != "_id"))
        {
            if (element.Name.Contains('.'))
            {
                throw new MongoCommandError(40235, "Location40235",
                    $"The field name '{element.Name}' cannot contain '.'");
            }

            if (element.Value is not BsonDocument { ElementCount: 1 } accumulator)
            {
                throw new MongoCommandError(40234, "Location40234",
                    $"The field '{element.Name}' must be an accumulator object");
            }

            var op = accumulator.GetElement(0);
            if (!Accumulators.Contains(op.Name))
            {
                throw op.Name.StartsWith('$')
                    ? new MongoCommandError(15952, "Location15952", $"unknown group operator '{op.Name}'")
                    : new MongoCommandError(40234, "Location40234",
                        $"The field '{element.Name}' must be an accumulator object");
            }

            var arg = op.Name == "$count"
                ? (in ExpressionScope _) => new BsonInt32(1)
                : ExpressionEvaluator.Compile(op.Value);
            fields.Add((element.Name, op.Name == "$count" ? "$sum" : op.Name, arg));
        }

        return (input, context) => Run(input, context, key, fields);
    }

    private static IEnumerable<BsonDocument> Run(
        IEnumerable<BsonDocument> input,
        ExpressionContext context,
        CompiledExpression key,
        List<(string Name, string Op, CompiledExpression Arg)> fields)
    {
        var groups = new Dictionary<BsonValue, Accumulator[]>(BsonValueKeyComparer.Instance);
        var order = new List<BsonValue>();
        foreach (var document in input)
        {
            var scope = new ExpressionScope(document, context);
            var groupKey = key(scope) ?? BsonNull.Value;
            if (!groups.TryGetValue(groupKey, out var state))
            {
                state = fields.Select(f => new Accumulator(f.Op)).ToArray();
                groups.Add(groupKey, state);
                order.Add(groupKey);
            }

            for (var i = 0; i < fields.Count; i++)
            {
                state[i].Add(fields[i].Arg(scope));
            }
        }

        foreach (var groupKey in order)
        {
            var result = new BsonDocument("_id", groupKey);
            var state = groups[groupKey];
            for (var i = 0; i < fields.Count; i++)
            {
                result.Add(fields[i].Name, state[i].Result());
            }

            yield return result;
        }
    }
}
