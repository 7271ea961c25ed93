using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>A materialized result set (immutable document snapshots), handed out batch by batch.</summary>
internal sealed class FindCursor(long id, string ns, List<BsonDocument> documents, Projection? projection)
    : ServerCursor(id, ns)
{
    private const int MaxBatchBytes = 16 * 1024 * 1024;
    private int _position;

    public bool Exhausted => _position >= documents.Count;

    /// <summary>Takes up to <paramref name="batchSize"/> documents (0 = no count limit) under ~16 MiB.</summary>
    public BsonArray NextBatch(int batchSize)
    {
        var batch = new BsonArray();
        long bytes = 0;
        while (_position < documents.Count && (batchSize <= 0 || batch.Count < batchSize))
        {
            var document = documents[_position];
            var projected = projection is null ? document : projection.Apply(document);
            // Size is only estimated for big batches: counting every document would double serialization.
            if (batch.Count > 0 && bytes > MaxBatchBytes) break;
            if (batch.Count >= 100 || documents.Count - _position > 100) bytes += EstimateSize(projected);
            batch.Add(projected);
            _position++;
        }

        return batch;
    }

    private static long EstimateSize(BsonDocument document) => WrapperBson.Encode(document).Length;
}
