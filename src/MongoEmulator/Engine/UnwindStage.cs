using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary><c>$unwind</c>: one output document per array element.</summary>
internal static class UnwindStage
{
    public static StageRunner Compile(BsonValue spec)
    {
        var options = spec as BsonDocument ?? new BsonDocument("path", spec);
        if (options.GetValue("path", BsonNull.Value) is not BsonString { Value: ['$', _, ..] } path)
        {
            throw new MongoCommandError(28812, "Location28812",
                "no path specified to $unwind stage, or path does not start with '$'");
        }

        var parts = FilterParser.SplitPath(path.Value[1..]);
        var preserve = options.GetValue("preserveNullAndEmptyArrays", false).ToBoolean();
        var indexField = options.GetValue("includeArrayIndex", BsonNull.Value) as BsonString;
        return (input, _) => input.SelectMany(d => Unwind(d, parts, preserve, indexField?.Value));
    }

    private static IEnumerable<BsonDocument> Unwind(
        BsonDocument document, string[] path, bool preserve, string? index)
    {
        var value = DocumentPath.Get(document, path);
        if (value is BsonArray { Count: > 0 } array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var copy = document.DeepClone().AsBsonDocument;
                DocumentPath.Set(copy, path, array[i].DeepClone());
                if (index is not null)
                {
                    copy[index] = new BsonInt64(i);
                }

                yield return copy;
            }
        }
        else if (value is not null and not BsonNull and not BsonArray)
        {
            var copy = document.DeepClone().AsBsonDocument;
            if (index is not null)
            {
                copy[index] = BsonNull.Value;
            }

            yield return copy;
        }
        else if (preserve)
        {
            var copy = document.DeepClone().AsBsonDocument;
            if (index is not null)
            {
                copy[index] = BsonNull.Value;
            }

            yield return copy;
        }
    }
}
