using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// <c>$addFields</c>/<c>$set</c>: every expression sees the input document; nested plain objects merge
/// into embedded documents (as dotted paths do); a missing result ($$REMOVE) removes the field.
/// </summary>
internal static class AddFieldsStage
{
    public static StageRunner Compile(BsonDocument spec)
    {
        var fields = new List<(string[] Path, CompiledExpression Value)>();
        Flatten(spec, [], fields);
        return (input, context) => input.Select(document => Apply(document, fields, context));
    }

    private static void Flatten(BsonDocument spec, string[] prefix, List<(string[], CompiledExpression)> fields)
    {
        foreach (var element in spec)
        {
            var path = prefix.Concat(FilterParser.SplitPath(element.Name)).ToArray();
            if (element.Name.StartsWith('$'))
            {
                throw new MongoCommandError(16410, "Location16410",
                    $"FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }

            if (element.Value is BsonDocument { ElementCount: > 0 } nested
                && !FilterParser.IsOperatorDocument(nested))
            {
                Flatten(nested, path, fields);
            }
            else
            {
                fields.Add((path, ExpressionEvaluator.Compile(element.Value)));
            }
        }
    }

    private static BsonDocument Apply(
        BsonDocument document, List<(string[] Path, CompiledExpression Value)> fields, ExpressionContext context)
    {
        var scope = new ExpressionScope(document, context);
        var result = document.DeepClone().AsBsonDocument;
        foreach (var (path, expression) in fields)
        {
            var value = expression(scope);
            if (value is null)
            {
                DocumentPath.Remove(result, path);
            }
            else
            {
                SetPath(result, path, value is BsonDocument or BsonArray ? value.DeepClone() : value);
            }
        }

        return result;
    }

    // Unlike update operators, a scalar in the way is replaced by a document rather than an error.
    private static void SetPath(BsonDocument document, string[] path, BsonValue value)
    {
        var container = document;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (container.TryGetValue(path[i], out var next) && next is BsonDocument nested)
            {
                container = nested;
                continue;
            }

            var created = new BsonDocument();
            container.Set(path[i], created);
            container = created;
        }

        container.Set(path[^1], value);
    }
}
