namespace HaScheduler.Node.Storage;

/// <summary>One holding of a lease (one epoch) by this node, and its renew loop.</summary>
internal sealed class LeaseTerm(long epoch, long acquiredTimestamp, Action<Exception>? lostCallback)
{
    private readonly CancellationTokenSource stopping = new();
    private long lastRenewalStart = acquiredTimestamp;

    public long Epoch { get; } = epoch;

    public Action<Exception>? LostCallback { get; private set; } = lostCallback;

    /// <summary>Monotonic timestamp of the start of the last successful acquire or renewal.</summary>
    public long LastRenewalStart => Volatile.Read(ref lastRenewalStart);

    public CancellationToken Stopping => stopping.Token;

    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>A renewal that started earlier than the one on record never moves the window back.</summary>
    public void Renewed(long startedTimestamp, Action<Exception>? newCallback)
    {
        long seen;
        do
        {
            seen = Volatile.Read(ref lastRenewalStart);
            if (startedTimestamp <= seen)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref lastRenewalStart, startedTimestamp, seen) != seen);

        if (newCallback is not null)
        {
            LostCallback = newCallback;
        }
    }

    public void Stop()
    {
        try
        {
            stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped.
        }
    }

    public async Task StopAsync()
    {
        Stop();
        try
        {
            await Loop;
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation; nothing to report.
        }
    }
}
