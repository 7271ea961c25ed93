using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>
/// Computes index keys: dotted paths traverse nested documents and arrays, an array contributes one
/// key per element (multikey), and a missing field indexes as null.
/// </summary>
internal static class KeyExtractor
{
    /// <summary>All values reachable by the path; empty when the path is missing.</summary>
    public static List<BsonValue> Values(BsonDocument document, string path)
    {
        var results = new List<BsonValue>();
        Collect(document, path.Split('.'), 0, results);
        return results;
    }

    /// <summary>
    /// The key tuples of a document for an index; null when a sparse index skips the document.
    /// Compound multikey indexes get the cartesian product, as MongoDB forbids parallel arrays anyway.
    /// </summary>
    public static List<BsonValue[]>? Keys(BsonDocument document, IndexSpec spec)
    {
        // Nearly every write meets only scalars on its index paths: one tuple, no intermediate lists.
        var tuple = new BsonValue[spec.Paths.Length];
        var anyPresent = false;
        for (var f = 0; f < tuple.Length; f++)
        {
            var value = Scalar(document, spec.Paths[f]);
            if (value is BsonArray) return MultiKeys(document, spec);
            anyPresent |= value is not null;
            tuple[f] = value ?? BsonNull.Value;
        }

        if (spec.Sparse && !anyPresent) return null;
        if (spec.PartialFilter is not null && !spec.PartialFilter.Matches(document)) return null;
        return [tuple];
    }

    /// <summary>
    /// The value at the path when no array lies on it; an array met on the way (or at the end) is returned
    /// as such so the caller takes the general route; null when the path is missing.
    /// </summary>
    private static BsonValue? Scalar(BsonDocument document, string[] parts)
    {
        BsonValue current = document;
        foreach (var part in parts)
        {
            switch (current)
            {
                case BsonDocument d:
                    if (!d.TryGetValue(part, out current!)) return null;
                    break;
                case BsonArray:
                    return current;
                default:
                    return null;
            }
        }

        return current;
    }

    private static List<BsonValue[]>? MultiKeys(BsonDocument document, IndexSpec spec)
    {
        var perField = new List<List<BsonValue>>(spec.Fields.Length);
        var anyPresent = false;
        foreach (var parts in spec.Paths)
        {
            var values = new List<BsonValue>();
            Collect(document, parts, 0, values);
            anyPresent |= values.Count > 0;
            perField.Add(values.Count > 0 ? Distinct(values) : [BsonNull.Value]);
        }

        if (spec.Sparse && !anyPresent) return null;
        if (spec.PartialFilter is not null && !spec.PartialFilter.Matches(document)) return null;
        var tuples = new List<BsonValue[]> { Array.Empty<BsonValue>() };
        foreach (var values in perField)
        {
            tuples = tuples.SelectMany(prefix => values.Select(v => (BsonValue[])[.. prefix, v])).ToList();
        }

        return tuples;
    }

    private static List<BsonValue> Distinct(List<BsonValue> values)
    {
        if (values.Count < 2) return values;
        var result = new List<BsonValue>(values.Count);
        foreach (var value in values)
        {
            if (!result.Exists(v => Engine.BsonOrder.ValueEquals(v, value))) result.Add(value);
        }

        return result;
    }

    private static void Collect(BsonValue current, string[] parts, int index, List<BsonValue> results)
    {
        if (index == parts.Length)
        {
            if (current is BsonArray array)
            {
                // An empty array indexes as undefined in MongoDB; null is close enough for uniqueness.
                if (array.Count == 0) results.Add(BsonNull.Value);
                results.AddRange(array);
            }
            else
            {
                results.Add(current);
            }

            return;
        }

        if (current is BsonDocument document)
        {
            if (document.TryGetValue(parts[index], out var next)) Collect(next, parts, index + 1, results);
        }
        else if (current is BsonArray array)
        {
            if (int.TryParse(parts[index], out var position) && position >= 0 && position < array.Count)
            {
                Collect(array[position], parts, index + 1, results);
            }

            foreach (var element in array)
            {
                if (element is BsonDocument) Collect(element, parts, index, results);
            }
        }
    }
}
