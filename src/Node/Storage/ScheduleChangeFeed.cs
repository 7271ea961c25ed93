using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.Node.Storage;

/// <summary>
/// Follows the <c>schedules</c> collection's change stream. <see cref="OpenAsync"/> is called BEFORE the
/// snapshot is loaded, so no change can fall between the snapshot and the first event; events the snapshot
/// already holds are dropped by the consumer by <c>version</c>. The feed keeps the resume token of the last
/// event handed out and resumes from it after a broken stream; when the server cannot resume (history lost,
/// invalidated collection) it reports <see cref="ResumeImpossibleException"/> and the consumer reloads.
/// </summary>
public sealed class ScheduleChangeFeed(IMongoDatabase database, ILogger logger) : IAsyncDisposable
{
    public const string CollectionName = "schedules";

    private static readonly int[] NonResumableCodes = [260, 280, 286];

    private readonly IMongoCollection<BsonDocument> _collection = database.GetCollection<BsonDocument>(CollectionName);
    private IChangeStreamCursor<ChangeStreamDocument<BsonDocument>>? _cursor;
    private BsonDocument? _resumeToken;

    /// <summary>Opens the stream at "now" (or at <paramref name="resumeAfter"/>) and remembers where it starts.</summary>
    public async Task OpenAsync(BsonDocument? resumeAfter, CancellationToken ct)
    {
        _cursor?.Dispose();
        _cursor = await _collection.WatchAsync(Options(resumeAfter), ct);
        _resumeToken = _cursor.GetResumeToken() ?? resumeAfter;
    }

    /// <summary>
    /// Hands every change to <paramref name="onChange"/>, in order, until cancelled. Transient failures are
    /// retried from the last token with a bounded backoff; a stream that cannot resume throws
    /// <see cref="ResumeImpossibleException"/>.
    /// </summary>
    public async Task RunAsync(Action<ScheduleChange> onChange, CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (_cursor is null)
                {
                    await OpenAsync(_resumeToken, ct);
                }

                while (await _cursor!.MoveNextAsync(ct))
                {
                    foreach (var change in _cursor.Current)
                    {
                        var mapped = Map(change);
                        _resumeToken = change.ResumeToken;
                        if (mapped is not null)
                        {
                            onChange(mapped);
                        }
                    }

                    backoff = TimeSpan.FromMilliseconds(100);
                }

                // MoveNext false: the stream was invalidated (collection dropped or renamed).
                throw new ResumeImpossibleException("the change stream was invalidated", null);
            }
            catch (MongoCommandException e) when (NonResumableCodes.Contains(e.Code))
            {
                throw new ResumeImpossibleException(e.Message, e);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not ResumeImpossibleException)
            {
                NodeLog.ChangeStreamBroken(logger, e);
                _cursor?.Dispose();
                _cursor = null;
                await Task.Delay(backoff, ct);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 2000));
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _cursor?.Dispose();
        _cursor = null;
        return ValueTask.CompletedTask;
    }

    private static ChangeStreamOptions Options(BsonDocument? resumeAfter) => new()
    {
        FullDocument = ChangeStreamFullDocumentOption.UpdateLookup,
        ResumeAfter = resumeAfter,
        MaxAwaitTime = TimeSpan.FromSeconds(1),
    };

    private static ScheduleChange? Map(ChangeStreamDocument<BsonDocument> change)
    {
        var id = change.DocumentKey?.GetValue("_id", BsonNull.Value);
        if (id is null || !id.IsString)
        {
            return null;
        }

        return change.OperationType switch
        {
            ChangeStreamOperationType.Insert or ChangeStreamOperationType.Replace or ChangeStreamOperationType.Update
                when change.FullDocument is not null =>
                new ScheduleChange(ScheduleChangeKind.Upserted, id.AsString, change.FullDocument),

            // An update whose document is gone by lookup time: the delete event follows.
            ChangeStreamOperationType.Update => null,
            ChangeStreamOperationType.Delete => new ScheduleChange(ScheduleChangeKind.Deleted, id.AsString, null),
            _ => null,
        };
    }
}

/// <summary>The change stream cannot continue from its token: reload everything and open a new one.</summary>
public sealed class ResumeImpossibleException(string message, Exception? inner) : Exception(message, inner);
