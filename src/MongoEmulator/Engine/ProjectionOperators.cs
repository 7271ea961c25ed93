using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>The find-only projection operators <c>$slice</c> and <c>$elemMatch</c>.</summary>
internal static class ProjectionOperators
{
    public static Func<BsonValue, BsonValue?> Slice(BsonValue argument)
    {
        int skip, limit;
        if (BsonOrder.IsNumber(argument))
        {
            var n = (int)argument.ToDouble();
            (skip, limit) = n >= 0 ? (0, n) : (n, -n);
        }
        else if (argument is BsonArray { Count: 2 } pair
            && BsonOrder.IsNumber(pair[0])
            && BsonOrder.IsNumber(pair[1])
            && pair[1].ToDouble() > 0)
        {
            (skip, limit) = ((int)pair[0].ToDouble(), (int)pair[1].ToDouble());
        }
        else
        {
            throw MongoCommandError.BadValue("$slice only supports numbers and [skip, limit] arrays");
        }

        return value =>
        {
            if (value is not BsonArray array)
            {
                return value.DeepClone();
            }

            var start = skip >= 0 ? Math.Min(skip, array.Count) : Math.Max(0, array.Count + skip);
            return new BsonArray(array.Skip(start).Take(limit).Select(v => v.DeepClone()));
        };
    }

    public static Func<BsonValue, BsonValue?> ElemMatch(BsonValue argument)
    {
        if (argument is not BsonDocument condition)
        {
            throw MongoCommandError.BadValue("elemMatch: Invalid argument, object required.");
        }

        Func<BsonValue, bool> test;
        if (FilterParser.IsOperatorDocument(condition)
            && condition.GetElement(0).Name is not ("$and" or "$or" or "$nor"))
        {
            var operators = FilterParser.ParseCondition(condition);
            test = item => operators.MatchValue(item);
        }
        else
        {
            var filter = FilterParser.ParseDocument(condition, topLevel: false);
            test = item => item is BsonDocument d && filter.Matches(d, null);
        }

        return value =>
        {
            if (value is not BsonArray array)
            {
                return null;
            }

            foreach (var item in array)
            {
                if (test(item))
                {
                    return new BsonArray { item.DeepClone() };
                }
            }

            return null;
        };
    }
}
