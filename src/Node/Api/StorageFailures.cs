using MongoDB.Driver;

namespace HaScheduler.Node.Api;

/// <summary>Tells apart "MongoDB is unreachable right now, retry later" (503) from bugs (500).</summary>
internal static class StorageFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        // The driver's server selection timeout surfaces as a plain TimeoutException.
        TimeoutException => true,
        MongoConnectionException => true,
        MongoNotPrimaryException => true,
        MongoNodeIsRecoveringException => true,
        MongoWaitQueueFullException => true,
        MongoExecutionTimeoutException => true,
        AggregateException { InnerExceptions.Count: 1 } aggregate =>
            IsUnavailable(aggregate.InnerExceptions[0]),
        _ => false,
    };
}
