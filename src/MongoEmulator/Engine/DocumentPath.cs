using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// Reads and writes one dotted path of a mutable document the way update operators do: numeric
/// components index arrays, missing intermediate documents are created, nothing fans out over arrays.
/// </summary>
internal static class DocumentPath
{
    public static BsonValue? Get(BsonValue root, string[] path, int length = -1)
    {
        var count = length < 0 ? path.Length : length;
        BsonValue? current = root;
        for (var i = 0; i < count && current is not null; i++)
        {
            current = current switch
            {
                BsonDocument d => d.TryGetValue(path[i], out var v) ? v : null,
                BsonArray a => QueryPath.TryIndex(path[i], out var index) && index < a.Count ? a[index] : null,
                _ => null,
            };
        }

        return current;
    }

    public static void Set(BsonDocument root, string[] path, BsonValue value)
    {
        BsonValue container = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            container = Child(container, path, i);
        }

        var last = path[^1];
        if (container is BsonDocument document)
        {
            document.Set(last, value);
            return;
        }

        var array = (BsonArray)container;
        var index = ArrayIndex(array, path, path.Length - 1);
        Pad(array, index + 1);
        array[index] = value;
    }

    /// <summary>Removes the field (an array element becomes null, as $unset does); false if absent.</summary>
    public static bool Remove(BsonDocument root, string[] path)
    {
        var parent = Get(root, path, path.Length - 1);
        switch (parent)
        {
            case BsonDocument document when document.Contains(path[^1]):
                document.Remove(path[^1]);
                return true;
            case BsonArray array when QueryPath.TryIndex(path[^1], out var index) && index < array.Count:
                array[index] = BsonNull.Value;
                return true;
            default:
                return false;
        }
    }

    public static string Describe(BsonDocument document) =>
        document.TryGetValue("_id", out var id) ? $"{{_id: {id}}}" : "{}";

    private static BsonValue Child(BsonValue container, string[] path, int i)
    {
        if (container is BsonDocument document)
        {
            if (!document.TryGetValue(path[i], out var existing))
            {
                var created = new BsonDocument();
                document.Add(path[i], created);
                return created;
            }

            if (existing is BsonDocument or BsonArray)
            {
                return existing;
            }

            throw MongoErrors.PathNotViable(
                $"Cannot create field '{path[i + 1]}' in element {{{path[i]}: {existing}}}");
        }

        var array = (BsonArray)container;
        var index = ArrayIndex(array, path, i);
        if (index < array.Count)
        {
            var element = array[index];
            return element is BsonDocument or BsonArray
                ? element
                : throw MongoErrors.PathNotViable(
                    $"Cannot create field '{path[i + 1]}' in element {{{path[i]}: {element}}}");
        }

        Pad(array, index);
        var child = new BsonDocument();
        array.Add(child);
        return child;
    }

    private static int ArrayIndex(BsonArray array, string[] path, int i) =>
        QueryPath.TryIndex(path[i], out var index)
            ? index
            : throw MongoErrors.PathNotViable(
                $"Cannot create field '{path[i]}' in element {{{(i > 0 ? path[i - 1] : "")}: {array}}}");

    private static void Pad(BsonArray array, int count)
    {
        while (array.Count < count)
        {
            array.Add(BsonNull.Value);
        }
    }
}
