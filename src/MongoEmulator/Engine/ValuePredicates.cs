using System.Text.RegularExpressions;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// A test of one candidate value reached by a query path; null stands for "missing".
/// Implementations apply the server's array rule themselves: an array candidate matches when the
/// array as a whole or one of its elements matches.
/// </summary>
internal abstract class ValuePredicate
{
    public abstract bool Test(BsonValue? value);
}

internal sealed class EqualsPredicate(BsonValue expected) : ValuePredicate
{
    public BsonValue Expected { get; } = expected;

    public override bool Test(BsonValue? value)
    {
        if (value is null)
        {
            return Expected.IsBsonNull;
        }

        if (BsonOrder.ValueEquals(value, Expected))
        {
            return true;
        }

        if (value is BsonArray array)
        {
            foreach (var element in array)
            {
                if (BsonOrder.ValueEquals(element, Expected))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

internal enum CompareOp { Gt, Gte, Lt, Lte }

internal sealed class ComparePredicate(CompareOp op, BsonValue operand) : ValuePredicate
{
    public CompareOp Op { get; } = op;

    public BsonValue Operand { get; } = operand;

    public override bool Test(BsonValue? value)
    {
        if (value is null)
        {
            // Missing behaves as null: {$gte: null} and {$lte: null} match it.
            return Operand.IsBsonNull && Op is CompareOp.Gte or CompareOp.Lte;
        }

        if (value is BsonArray array)
        {
            if (Operand is BsonArray && Single(value))
            {
                return true;
            }

            foreach (var element in array)
            {
                if (Single(element))
                {
                    return true;
                }
            }

            return false;
        }

        return Single(value);
    }

    private bool Single(BsonValue value)
    {
        // Comparisons stay inside one type bracket ({$gt: 5} never matches a string), except
        // against MinKey/MaxKey, which bound every type.
        var sameBracket = BsonOrder.TypeRank(value.BsonType) == BsonOrder.TypeRank(Operand.BsonType);
        if (!sameBracket && Operand.BsonType is not (BsonType.MinKey or BsonType.MaxKey))
        {
            return false;
        }

        var c = BsonOrder.Compare(value, Operand);
        return Op switch
        {
            CompareOp.Gt => c > 0,
            CompareOp.Gte => c >= 0,
            CompareOp.Lt => c < 0,
            _ => c <= 0,
        };
    }
}

internal sealed class InPredicate(IReadOnlyList<ValuePredicate> alternatives) : ValuePredicate
{
    public override bool Test(BsonValue? value)
    {
        foreach (var alternative in alternatives)
        {
            if (alternative.Test(value))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class ExistsPredicate : ValuePredicate
{
    public static ExistsPredicate Instance { get; } = new();

    public override bool Test(BsonValue? value) => value is not null;
}

internal sealed class SizePredicate(int size) : ValuePredicate
{
    public override bool Test(BsonValue? value) => value is BsonArray array && array.Count == size;
}

internal sealed class TypePredicate(IReadOnlyList<BsonType> types, bool anyNumber) : ValuePredicate
{
    public override bool Test(BsonValue? value)
    {
        if (value is null)
        {
            return false;
        }

        if (Single(value))
        {
            return true;
        }

        if (value is BsonArray array)
        {
            foreach (var element in array)
            {
                if (Single(element))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool Single(BsonValue value) =>
        (anyNumber && BsonOrder.IsNumber(value)) || types.Contains(value.BsonType);
}

internal sealed class RegexPredicate(BsonRegularExpression source) : ValuePredicate
{
    private readonly Regex _regex = RegexTranslator.ToRegex(source);

    public override bool Test(BsonValue? value)
    {
        if (value is BsonArray array)
        {
            foreach (var element in array)
            {
                if (Single(element))
                {
                    return true;
                }
            }

            return false;
        }

        return value is not null && Single(value);
    }

    private bool Single(BsonValue value) => value.BsonType switch
    {
        BsonType.String or BsonType.Symbol => _regex.IsMatch(BsonOrder.StringOf(value)),
        BsonType.RegularExpression => value.AsBsonRegularExpression.Pattern == source.Pattern
            && value.AsBsonRegularExpression.Options == source.Options,
        _ => false,
    };
}

internal sealed class ModPredicate(long divisor, long remainder) : ValuePredicate
{
    public override bool Test(BsonValue? value)
    {
        if (value is BsonArray array)
        {
            foreach (var element in array)
            {
                if (Single(element))
                {
                    return true;
                }
            }

            return false;
        }

        return value is not null && Single(value);
    }

    private bool Single(BsonValue value) =>
        BsonOrder.IsNumber(value) && (long)Math.Truncate(value.ToDouble()) % divisor == remainder;
}

/// <summary><c>$elemMatch</c>: some element of an array candidate satisfies the inner condition.</summary>
internal sealed class ElemMatchPredicate(Func<BsonValue, bool> element) : ValuePredicate
{
    public override bool Test(BsonValue? value)
    {
        if (value is not BsonArray array)
        {
            return false;
        }

        foreach (var item in array)
        {
            if (element(item))
            {
                return true;
            }
        }

        return false;
    }
}

internal static class RegexTranslator
{
    public static Regex ToRegex(BsonRegularExpression source)
    {
        var options = RegexOptions.CultureInvariant;
        foreach (var flag in source.Options)
        {
            options |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'u' => RegexOptions.None,
                _ => throw MongoCommandError.BadValue($"invalid flag in regex options: {flag}"),
            };
        }

        try
        {
            return new Regex(source.Pattern, options);
        }
        catch (ArgumentException e)
        {
            throw MongoCommandError.BadValue($"Regular expression is invalid: {e.Message}");
        }
    }
}
