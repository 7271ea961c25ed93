using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>Orders index entries by key (honouring each field's direction), then by record id.</summary>
internal sealed class IndexEntryComparer(bool[] descending) : IComparer<(BsonValue[] Key, long RecordId)>
{
    public int Compare((BsonValue[] Key, long RecordId) x, (BsonValue[] Key, long RecordId) y)
    {
        for (var i = 0; i < descending.Length; i++)
        {
            var c = BsonOrder.Compare(x.Key[i], y.Key[i]);
            if (c != 0) return descending[i] ? -c : c;
        }

        return x.RecordId.CompareTo(y.RecordId);
    }
}
