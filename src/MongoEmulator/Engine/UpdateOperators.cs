using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>Applies parsed <see cref="UpdateOperation"/>s to a private copy of a document.</summary>
internal static class UpdateOperators
{
    public static void Apply(UpdateOperation op, BsonDocument doc, UpdateContext context)
    {
        var current = DocumentPath.Get(doc, op.Parts);
        switch (op.Operator)
        {
            case "$set":
                DocumentPath.Set(doc, op.Parts, op.Argument.DeepClone());
                break;
            case "$setOnInsert":
                if (context.IsUpsertInsert)
                {
                    DocumentPath.Set(doc, op.Parts, op.Argument.DeepClone());
                }

                break;
            case "$unset":
                DocumentPath.Remove(doc, op.Parts);
                break;
            case "$inc":
            case "$mul":
                Arithmetic(op, doc, current);
                break;
            case "$min":
            case "$max":
                var sign = op.Operator == "$max" ? 1 : -1;
                if (current is null || sign * BsonOrder.Compare(op.Argument, current) > 0)
                {
                    DocumentPath.Set(doc, op.Parts, op.Argument.DeepClone());
                }

                break;
            case "$currentDate":
                var timestamp = op.Argument is BsonDocument { } spec && spec[0].AsString == "timestamp";
                DocumentPath.Set(doc, op.Parts, timestamp ? context.ClusterTime : new BsonDateTime(context.Now));
                break;
            case "$rename":
                if (current is not null)
                {
                    DocumentPath.Remove(doc, op.Parts);
                    DocumentPath.Set(doc, op.Target!, current);
                }

                break;
            case "$push":
            case "$addToSet":
                AddToArray(op, doc, current);
                break;
            case "$pop":
                var popped = ExistingArray(op, doc, current);
                if (popped is { Count: > 0 })
                {
                    popped.RemoveAt(op.Argument.ToDouble() > 0 ? popped.Count - 1 : 0);
                }

                break;
            case "$pull":
                RemoveWhere(ExistingArray(op, doc, current), op.PullMatch!);
                break;
            case "$pullAll":
                var unwanted = op.Argument.AsBsonArray;
                RemoveWhere(
                    ExistingArray(op, doc, current),
                    element => unwanted.Any(u => BsonOrder.ValueEquals(u, element)));
                break;
        }
    }

    private static void Arithmetic(UpdateOperation op, BsonDocument doc, BsonValue? current)
    {
        if (current is null)
        {
            // A missing field takes the increment, or zero of the multiplier's type.
            var initial = op.Operator == "$inc" ? op.Argument : BsonArithmetic.ZeroLike(op.Argument);
            DocumentPath.Set(doc, op.Parts, initial);
            return;
        }

        if (!BsonOrder.IsNumber(current))
        {
            var verb = op.Operator == "$inc" ? "$inc" : "$mul";
            throw MongoCommandError.TypeMismatch(
                $"Cannot apply {verb} to a value of non-numeric type. {DocumentPath.Describe(doc)} has the field "
                + $"'{op.Parts[^1]}' of non-numeric type {TypeName(current)}");
        }

        var result = op.Operator == "$inc"
            ? BsonArithmetic.Add(current, op.Argument)
            : BsonArithmetic.Multiply(current, op.Argument);
        if (result is null)
        {
            throw MongoCommandError.BadValue(
                $"Failed to apply {op.Operator} operations to current value ((NumberLong){current}) for document "
                + DocumentPath.Describe(doc));
        }

        DocumentPath.Set(doc, op.Parts, result);
    }

    private static void AddToArray(UpdateOperation op, BsonDocument doc, BsonValue? current)
    {
        if (current is not null and not BsonArray)
        {
            throw MongoCommandError.BadValue(
                $"The field '{op.Path}' must be an array but is of type {TypeName(current)} in document "
                + DocumentPath.Describe(doc));
        }

        var array = current as BsonArray ?? [];
        if (op.Operator == "$push")
        {
            op.Push!.ApplyPush(array);
        }
        else
        {
            op.Push!.ApplyAddToSet(array);
        }

        if (current is null)
        {
            DocumentPath.Set(doc, op.Parts, array);
        }
    }

    private static BsonArray? ExistingArray(UpdateOperation op, BsonDocument doc, BsonValue? current) =>
        current switch
        {
            null => null,
            BsonArray array => array,
            _ => throw (op.Operator == "$pop"
                ? MongoCommandError.TypeMismatch(
                    $"Path '{op.Path}' contains an element of non-array type '{TypeName(current)}'")
                : MongoCommandError.BadValue($"Cannot apply {op.Operator} to a non-array value")),
        };

    private static void RemoveWhere(BsonArray? array, Func<BsonValue, bool> match)
    {
        if (array is null)
        {
            return;
        }

        for (var i = array.Count - 1; i >= 0; i--)
        {
            if (match(array[i]))
            {
                array.RemoveAt(i);
            }
        }
    }

    internal static string TypeName(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => "int",
        BsonType.Int64 => "long",
        BsonType.Decimal128 => "decimal",
        BsonType.Document => "object",
        BsonType.Boolean => "bool",
        BsonType.DateTime => "date",
        BsonType.Binary => "binData",
        BsonType.ObjectId => "objectId",
        _ => value.BsonType.ToString().ToLowerInvariant(),
    };
}
