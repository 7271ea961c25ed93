using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>The running state of one $group accumulator.</summary>
internal sealed class Accumulator(string op)
{
    private BsonValue _sum = new BsonInt32(0);
    private long _count;
    private BsonValue? _value;
    private bool _seen;
    private readonly BsonArray _items = [];

    public void Add(BsonValue? value)
    {
        switch (op)
        {
            case "$sum":
            case "$avg":
                // Non-numeric values are ignored, as the server does.
                if (value is not null && BsonOrder.IsNumber(value))
                {
                    _sum = BsonArithmetic.Add(_sum, value) ?? new BsonDouble(_sum.ToDouble() + value.ToDouble());
                    _count++;
                }

                break;
            case "$min":
            case "$max":
                if (value is null || value.IsBsonNull || value.IsBsonUndefined)
                {
                    break;
                }

                var sign = op == "$max" ? 1 : -1;
                if (_value is null || sign * BsonOrder.Compare(value, _value) > 0)
                {
                    _value = value;
                }

                break;
            case "$first":
                if (!_seen)
                {
                    _value = value ?? BsonNull.Value;
                    _seen = true;
                }

                break;
            case "$last":
                _value = value ?? BsonNull.Value;
                break;
            case "$push":
                if (value is not null)
                {
                    _items.Add(value.DeepClone());
                }

                break;
            case "$addToSet":
                if (value is not null && !_items.Any(v => BsonOrder.ValueEquals(v, value)))
                {
                    _items.Add(value.DeepClone());
                }

                break;
        }
    }

    public BsonValue Result() => op switch
    {
        "$sum" => _sum,
        "$avg" => _count == 0
            ? BsonNull.Value
            : _sum.BsonType == BsonType.Decimal128
                ? new BsonDecimal128(new Decimal128((decimal)_sum.AsDecimal128 / _count))
                : new BsonDouble(_sum.ToDouble() / _count),
        "$push" or "$addToSet" => _items,
        _ => _value ?? BsonNull.Value,
    };
}
