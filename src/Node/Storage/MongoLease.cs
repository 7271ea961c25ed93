using Akka.Actor;
using Akka.Coordination;
using Akka.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.Node.Storage;

/// <summary>
/// An Akka.Coordination lease stored in MongoDB's <c>leases</c> collection. The database decides expiry
/// (<c>$$NOW</c>); this node only shortens its own trust: it counts on its monotonic clock from the START of
/// its last successful renewal, so a process that was paused (SIGSTOP) sees <see cref="CheckLease"/> turn
/// false before any renewal can succeed, and reports the lease lost once the budget is spent.
/// </summary>
public sealed class MongoLease : Lease
{
    private const string SafetyMarginKey = "safety-margin";

    private readonly IMongoCollection<BsonDocument> leases;
    private readonly LeaseState leaseState;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly string name;
    private readonly string owner;
    private readonly TimeSpan duration;
    private readonly TimeSpan renewInterval;
    private readonly TimeSpan operationTimeout;
    private readonly TimeSpan trusted;
    private readonly Lock gate = new();
    private volatile LeaseTerm? term;

    /// <summary>Called by Akka through reflection; services come from Akka.DependencyInjection.</summary>
    public MongoLease(LeaseSettings settings, ExtendedActorSystem system)
        : this(settings, DependencyResolver.For(system).Resolver)
    {
        system.RegisterOnTermination(() => StopRenewing());
    }

    private MongoLease(LeaseSettings settings, IDependencyResolver services)
        : this(
            settings,
            services.GetService<IMongoDatabase>()
                ?? throw new InvalidOperationException("MongoLease needs IMongoDatabase in the DI container."),
            services.GetService<LeaseState>() ?? new LeaseState(),
            services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            services.GetService<TimeProvider>() ?? TimeProvider.System)
    {
    }

    internal MongoLease(
        LeaseSettings settings, IMongoDatabase database, LeaseState leaseState, ILoggerFactory loggers,
        TimeProvider time)
        : base(settings)
    {
        leases = database.GetCollection<BsonDocument>(MongoCollections.Leases)
            .WithWriteConcern(WriteConcern.WMajority);
        this.leaseState = leaseState;
        this.time = time;
        logger = loggers.CreateLogger<MongoLease>();
        name = settings.LeaseName;
        owner = settings.OwnerName;
        duration = settings.TimeoutSettings.HeartbeatTimeout;
        renewInterval = settings.TimeoutSettings.HeartbeatInterval;
        operationTimeout = settings.TimeoutSettings.OperationTimeout;
        var margin = settings.LeaseConfig.HasPath(SafetyMarginKey)
            ? settings.LeaseConfig.GetTimeSpan(SafetyMarginKey)
            : duration / 5;
        trusted = duration - margin;
        if (trusted <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"Lease {name}: {SafetyMarginKey} must be shorter than heartbeat-timeout.");
        }
    }

    public override Task<bool> Acquire() => Acquire(null!);

    public override async Task<bool> Acquire(Action<Exception> leaseLostCallback)
    {
        var started = time.GetTimestamp();
        var options = new FindOneAndUpdateOptions<BsonDocument>
        {
            IsUpsert = true,
            ReturnDocument = ReturnDocument.After,
        };
        BsonDocument? document;
        try
        {
            using var timeout = new CancellationTokenSource(operationTimeout, time);
            document = await leases.FindOneAndUpdateAsync(
                LeaseCommands.AcquireFilter(name, owner, duration),
                LeaseCommands.AcquireUpdate(owner, duration),
                options,
                timeout.Token);
        }
        catch (MongoCommandException e) when (MongoErrors.IsDuplicateKey(e))
        {
            // The filter did not match an existing document: another owner holds an unexpired lease.
            document = null;
        }
        catch (OperationCanceledException e)
        {
            throw new LeaseTimeoutException($"Acquiring lease {name} timed out after {operationTimeout}.", e);
        }

        if (document is null)
        {
            StorageLog.LeaseRefused(logger, name, owner);
            return false;
        }

        var lease = LeaseDocument.FromBson(document);
        LeaseTerm? replaced;
        LeaseTerm current;
        lock (gate)
        {
            replaced = term is { } old && old.Epoch != lease.Epoch ? old : null;
            if (term is { } same && same.Epoch == lease.Epoch)
            {
                same.Renewed(started, leaseLostCallback);
                current = same;
            }
            else
            {
                current = new LeaseTerm(lease.Epoch, started, leaseLostCallback);
                term = current;
                current.Loop = Task.Run(() => RenewLoopAsync(current));
            }
        }

        replaced?.Stop();
        Publish(current, lease);
        StorageLog.LeaseAcquired(logger, name, owner, lease.Epoch);
        return true;
    }

    public override async Task<bool> Release()
    {
        LeaseTerm? ending;
        lock (gate)
        {
            ending = term;
            term = null;
        }

        if (ending is null)
        {
            return true;
        }

        // Stop renewing first, so that no renewal can land after the release.
        await ending.StopAsync();
        leaseState.Publish(LeaseSnapshot.None with { LeaseName = name }, null);
        try
        {
            using var timeout = new CancellationTokenSource(operationTimeout, time);
            await leases.UpdateOneAsync(
                LeaseCommands.HeldFilter(name, owner, ending.Epoch),
                LeaseCommands.ReleaseUpdate(),
                cancellationToken: timeout.Token);
            StorageLog.LeaseReleased(logger, name, owner, ending.Epoch);
        }
        catch (Exception e) when (e is MongoException or TimeoutException or OperationCanceledException)
        {
            StorageLog.LeaseReleaseFailed(logger, e, name);
        }

        return true;
    }

    public override bool CheckLease() => term is { } current && Remaining(current) > TimeSpan.Zero;

    /// <summary>How much of the trusted window is left, on this node's monotonic clock.</summary>
    private TimeSpan Remaining(LeaseTerm current) => trusted - time.GetElapsedTime(current.LastRenewalStart);

    /// <summary>
    /// Renews every interval, sooner when the trusted window runs short. A renewal that succeeds proves nobody
    /// else held the lease meanwhile (holder and epoch unchanged), so it restores trust even after a pause;
    /// renewals that fail until the lease could have expired, or a document naming someone else, lose it.
    /// </summary>
    private async Task RenewLoopAsync(LeaseTerm current)
    {
        var ct = current.Stopping;
        while (!ct.IsCancellationRequested)
        {
            var untilUntrusted = trusted - time.GetElapsedTime(current.LastRenewalStart);
            var wait = Clamp(untilUntrusted, renewInterval / 10, renewInterval);
            try
            {
                await Task.Delay(wait, time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var budget = duration - time.GetElapsedTime(current.LastRenewalStart);
            var timeout = budget > TimeSpan.Zero
                ? Clamp(budget, renewInterval, operationTimeout)
                : operationTimeout;
            var outcome = await TryRenewAsync(current, timeout, ct);
            if (ct.IsCancellationRequested)
            {
                return;
            }

            if (outcome == RenewOutcome.TakenOver)
            {
                Lose(current, "the lease document names another holder or epoch");
                return;
            }

            if (outcome == RenewOutcome.Failed && time.GetElapsedTime(current.LastRenewalStart) >= duration)
            {
                Lose(current, "no successful renewal within the lease duration");
                return;
            }
        }
    }

    private async Task<RenewOutcome> TryRenewAsync(LeaseTerm current, TimeSpan timeout, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            var document = await leases.FindOneAndUpdateAsync(
                LeaseCommands.HeldFilter(name, owner, current.Epoch),
                LeaseCommands.RenewUpdate(duration),
                new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After },
                deadline.Token);
            if (document is null)
            {
                return RenewOutcome.TakenOver;
            }

            current.Renewed(started, null);
            Publish(current, LeaseDocument.FromBson(document));
            StorageLog.LeaseRenewed(logger, name, owner, current.Epoch);
            return RenewOutcome.Renewed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return RenewOutcome.Failed;
        }
        catch (Exception e) when (e is MongoException or TimeoutException or OperationCanceledException)
        {
            // Keep trying: the lease is only lost once it could have expired (checked by the loop).
            StorageLog.LeaseRenewFailed(logger, e, name);
            return RenewOutcome.Failed;
        }
    }

    /// <summary>Marks the term lost at once and tells Akka exactly once (the swap under the lock).</summary>
    private void Lose(LeaseTerm current, string reason)
    {
        lock (gate)
        {
            if (!ReferenceEquals(term, current))
            {
                return;
            }

            term = null;
        }

        current.Stop();
        leaseState.Publish(LeaseSnapshot.None with { LeaseName = name }, null);
        StorageLog.LeaseLost(logger, name, owner, current.Epoch, reason);
        current.LostCallback?.Invoke(new LeaseException($"Lease {name} lost by {owner}: {reason}."));
    }

    private void Publish(LeaseTerm current, LeaseDocument document)
    {
        lock (gate)
        {
            // A renewal racing with loss or release must not publish a term that is already over.
            if (ReferenceEquals(term, current))
            {
                leaseState.Publish(
                    new LeaseSnapshot(
                        name, owner, current.Epoch, IsHeld: true, document.AcquiredAt, document.RenewedAt),
                    CheckLease);
            }
        }
    }

    private void StopRenewing()
    {
        lock (gate)
        {
            term?.Stop();
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;

    private enum RenewOutcome
    {
        Renewed,
        Failed,
        TakenOver,
    }
}
