namespace HaScheduler.MongoEmulator.Server.Storage;

/// <summary>
/// Guards the catalog and change history: commands that only read (find, count, distinct, getMore on a
/// change stream) share it, writes take it exclusively so they stay in one total order. Readers used to
/// queue behind one another on a single lock; on a busy 2-core host a preempted holder stalled them all.
/// Recursion is allowed because a write may read (the exclusive holder can re-enter either mode); a read
/// must never upgrade to a write, which the lock rejects. Writers first queue on a plain <see cref="Lock"/>:
/// ReaderWriterLockSlim backs off with Thread.Sleep when writers contend, which added milliseconds per
/// insert under 8 concurrent writers, so only one writer at a time ever waits on it (for readers to drain).
/// </summary>
internal sealed class StoreGate
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Lock _writers = new();

    public ReadScope EnterRead()
    {
        _lock.EnterReadLock();
        return new ReadScope(_lock);
    }

    public WriteScope EnterWrite()
    {
        _writers.Enter();
        try
        {
            _lock.EnterWriteLock();
        }
        catch
        {
            _writers.Exit();
            throw;
        }

        return new WriteScope(_lock, _writers);
    }

    public readonly ref struct ReadScope(ReaderWriterLockSlim held)
    {
        public void Dispose() => held.ExitReadLock();
    }

    public readonly ref struct WriteScope(ReaderWriterLockSlim held, Lock writers)
    {
        public void Dispose()
        {
            held.ExitWriteLock();
            writers.Exit();
        }
    }
}
