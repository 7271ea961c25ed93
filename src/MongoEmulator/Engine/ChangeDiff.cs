using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>Computes change-event <c>updatedFields</c> / <c>removedFields</c> for an applied update.</summary>
internal static class ChangeDiff
{
    /// <summary>
    /// Per operator path, the way the server's update diffs report them: a dotted key per touched
    /// path, a newly created subtree reported at its top, appended array elements as "arr.N".
    /// </summary>
    public static (BsonDocument Updated, List<string> Removed) ForOperations(
        BsonDocument before, BsonDocument after, IEnumerable<UpdateOperation> operations)
    {
        var updated = new BsonDocument();
        var removed = new List<string>();
        foreach (var op in operations)
        {
            Report(before, after, op.Parts, op.Operator, updated, removed);
            if (op.Target is not null)
            {
                Report(before, after, op.Target, op.Operator, updated, removed);
            }
        }

        return (updated, removed);
    }

    /// <summary>Top-level diff, for replacements and pipeline updates.</summary>
    public static (BsonDocument Updated, List<string> Removed) TopLevel(BsonDocument before, BsonDocument after)
    {
        var updated = new BsonDocument();
        foreach (var element in after)
        {
            if (!before.TryGetValue(element.Name, out var old) || !BsonStrict.Equal(old, element.Value))
            {
                updated[element.Name] = element.Value.DeepClone();
            }
        }

        var removed = before.Names.Where(n => !after.Contains(n)).ToList();
        return (updated, removed);
    }

    private static void Report(
        BsonDocument before,
        BsonDocument after,
        string[] path,
        string op,
        BsonDocument updated,
        List<string> removed)
    {
        var oldValue = DocumentPath.Get(before, path);
        var newValue = DocumentPath.Get(after, path);
        if (newValue is null)
        {
            if (oldValue is not null)
            {
                removed.Add(string.Join('.', path));
            }

            return;
        }

        if (oldValue is not null && BsonStrict.Equal(oldValue, newValue))
        {
            return;
        }

        // A subtree that did not exist before is reported once, at its top.
        for (var length = 1; length < path.Length; length++)
        {
            if (DocumentPath.Get(before, path, length) is null)
            {
                updated[string.Join('.', path, 0, length)] = DocumentPath.Get(after, path, length)!.DeepClone();
                return;
            }
        }

        var dotted = string.Join('.', path);
        if (op is "$push" or "$addToSet" && oldValue is BsonArray oldArray && newValue is BsonArray newArray
            && IsPrefixOf(oldArray, newArray))
        {
            for (var i = oldArray.Count; i < newArray.Count; i++)
            {
                updated[$"{dotted}.{i}"] = newArray[i].DeepClone();
            }

            return;
        }

        updated[dotted] = newValue.DeepClone();
    }

    private static bool IsPrefixOf(BsonArray prefix, BsonArray array)
    {
        if (prefix.Count > array.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (!BsonStrict.Equal(prefix[i], array[i]))
            {
                return false;
            }
        }

        return true;
    }
}
