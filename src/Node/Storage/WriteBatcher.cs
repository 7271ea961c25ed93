using System.Threading.Channels;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Coalesces independent single-document writes into one command per round trip. Callers still await their own
/// item; at most <c>flushesInFlight</c> flushes run at a time, each taking everything queued meanwhile (no
/// timer, no added delay when idle), so under load the number of commands and pooled connections stays bounded
/// while latency stays near one round trip. A second flush in flight lets the client encode the next batch while
/// the server executes the previous one. Items of concurrent flushes have no order between them: callers that
/// need one must await an item before they enqueue the next. Each item's outcome is reported separately, so
/// per-document semantics do not change.
/// </summary>
internal sealed class WriteBatcher<TItem, TResult>
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = false });

    private readonly Func<IReadOnlyList<TItem>, Task<BatchItemResult<TResult>[]>> _flush;
    private readonly int _maxBatch;

    /// <param name="flush">Writes the items; returns one result per item, in order. A throw fails them all.</param>
    /// <param name="maxBatch">Items per flush at most.</param>
    /// <param name="flushesInFlight">Flushes that may run at the same time.</param>
    public WriteBatcher(
        Func<IReadOnlyList<TItem>, Task<BatchItemResult<TResult>[]>> flush, int maxBatch, int flushesInFlight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(flushesInFlight);
        _flush = flush;
        _maxBatch = maxBatch;
        for (var i = 0; i < flushesInFlight; i++)
        {
            _ = Task.Run(RunAsync);
        }
    }

    public Task<TResult> Enqueue(TItem item, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();

        // Continuations run off the flush loop, so a slow caller cannot hold up the next batch.
        var completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new Pending(item, completion);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("the write batcher is closed");
        }

        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var items = new List<TItem>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                items.Add(pending.Item);
            }

            if (batch.Count == 0)
            {
                // Another flush loop took what woke this one.
                continue;
            }

            try
            {
                var results = await _flush(items).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (results[i].Error is { } error)
                    {
                        batch[i].Completion.TrySetException(error);
                    }
                    else
                    {
                        batch[i].Completion.TrySetResult(results[i].Value);
                    }
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(e);
                }
            }

            batch.Clear();
            items.Clear();
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Completion);
}

/// <summary>One item's answer from a <see cref="WriteBatcher{TItem,TResult}"/> flush: a value or an error.</summary>
internal readonly record struct BatchItemResult<TResult>(TResult Value, Exception? Error);
