using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>The values and <c>$each/$position/$slice/$sort</c> modifiers of $push and $addToSet.</summary>
internal sealed record PushModifiers(BsonArray Values, int? Position, int? Slice, BsonValue? Sort)
{
    public static PushModifiers Parse(string op, BsonValue argument)
    {
        if (argument is not BsonDocument document || !document.Contains("$each"))
        {
            return new PushModifiers([argument], null, null, null);
        }

        if (document["$each"] is not BsonArray values)
        {
            throw MongoCommandError.BadValue($"The argument to $each in {op} must be an array");
        }

        int? position = null, slice = null;
        BsonValue? sort = null;
        foreach (var element in document)
        {
            if (op == "$addToSet" && element.Name != "$each")
            {
                throw MongoCommandError.BadValue($"Found unexpected fields after $each in $addToSet: {document}");
            }

            switch (element.Name)
            {
                case "$each":
                    break;
                case "$position":
                    position = Integer("$position", element.Value);
                    break;
                case "$slice":
                    slice = Integer("$slice", element.Value);
                    break;
                case "$sort":
                    sort = ValidateSort(element.Value);
                    break;
                default:
                    throw MongoCommandError.BadValue($"Unrecognized clause in $push: {element.Name}");
            }
        }

        return new PushModifiers(values, position, slice, sort);
    }

    /// <summary>Applies $push to <paramref name="array"/> in place: insert, then sort, then slice.</summary>
    public void ApplyPush(BsonArray array)
    {
        var at = Position switch
        {
            null => array.Count,
            < 0 => Math.Max(0, array.Count + Position.Value),
            _ => Math.Min(array.Count, Position.Value),
        };
        foreach (var value in Values)
        {
            array.Insert(at++, value.DeepClone());
        }

        if (Sort is not null)
        {
            var sorted = SortElements(array);
            array.Clear();
            array.AddRange(sorted);
        }

        if (Slice is { } slice)
        {
            var keep = Math.Min(Math.Abs(slice), array.Count);
            var start = slice >= 0 ? 0 : array.Count - keep;
            var kept = array.Skip(start).Take(keep).ToList();
            array.Clear();
            array.AddRange(kept);
        }
    }

    public void ApplyAddToSet(BsonArray array)
    {
        foreach (var value in Values)
        {
            if (!array.Any(existing => BsonOrder.ValueEquals(existing, value)))
            {
                array.Add(value.DeepClone());
            }
        }
    }

    private List<BsonValue> SortElements(BsonArray array)
    {
        if (Sort is BsonDocument spec)
        {
            var documentSort = SortSpec.Parse(spec);
            var comparer = Comparer<BsonValue>.Create((x, y) => documentSort.Comparer.Compare(
                x as BsonDocument ?? [], y as BsonDocument ?? []));
            return array.OrderBy(v => v, comparer).ToList();
        }

        var direction = Sort!.ToDouble() > 0 ? 1 : -1;
        return array.OrderBy(v => v, Comparer<BsonValue>.Create((x, y) => direction * BsonOrder.Compare(x, y)))
            .ToList();
    }

    private static int Integer(string name, BsonValue value) =>
        BsonOrder.IsNumber(value) && value.ToDouble() == Math.Truncate(value.ToDouble())
            ? (int)value.ToDouble()
            : throw MongoCommandError.BadValue($"The value for {name} must be an integer value, found {value}");

    private static BsonValue ValidateSort(BsonValue sort)
    {
        if (sort is BsonDocument spec && spec.ElementCount > 0)
        {
            SortSpec.Parse(spec);
            return sort;
        }

        if (BsonOrder.IsNumber(sort) && sort.ToDouble() is 1 or -1)
        {
            return sort;
        }

        throw MongoCommandError.BadValue("The $sort is invalid: use 1/-1 to sort the whole element, "
            + "or {field:1/-1} to sort embedded fields");
    }
}
