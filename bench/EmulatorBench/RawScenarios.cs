using System.Net;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HaScheduler.EmulatorBench;

/// <summary>
/// insert, point find by _id and findOneAndUpdate through <see cref="RawConnection"/>: one loopback
/// connection per client, a pre-encoded command per client with only the requestID and the varying value
/// patched, and a reply check that reads only the header and ok / n (or the one returned document).
/// The driver is used only to prepare data (not measured). Any failed reply fails the run.
/// </summary>
public static class RawScenarios
{
    private const int IdPlaceholder = 0x5EED_1D01;
    private const long Int64IdPlaceholder = 0x5EED_1D02_5EED_1D03;
    private const long SequencePlaceholder = 0x5EED_5E04_5EED_5E05;
    private const long TxnPlaceholder = 0x5EED_7406_5EED_7407;
    private static readonly TimeSpan SocketTimeout = TimeSpan.FromSeconds(10);
    private static readonly string Payload = new('x', 100);
    private static readonly DateTime FixedTime = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The server's address from a mongodb:// URI; only loopback addresses are accepted.</summary>
    public static IPEndPoint Endpoint(string uri)
    {
        var server = MongoUrl.Create(uri).Server;
        var address = server.Host == "localhost"
            ? IPAddress.Loopback
            : IPAddress.Parse(server.Host.Trim('[', ']'));
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"the raw client connects to loopback only, not {server.Host}");
        }

        return new IPEndPoint(address, server.Port);
    }

    /// <summary>{insert: "insert_bench", documents: [{_id, client, seq, payload, at}]}; n is 1.</summary>
    public static RawResult Insert(IPEndPoint endpoint, string database, BenchOptions options)
    {
        return Run(endpoint, options, client =>
        {
            var document = new BsonDocument
            {
                { "_id", Int64IdPlaceholder },
                { "client", client },
                { "seq", SequencePlaceholder },
                { "payload", Payload },
                { "at", FixedTime },
            };
            var (command, at, txn) = Prepare(new BsonDocument
            {
                { "insert", "insert_bench" },
                { "documents", new BsonArray { document } },
                { "$db", database },
            }, options, true, Int64IdPlaceholder, SequencePlaceholder);
            return (command, sequence =>
            {
                command.PatchInt64(at[0], ((long)client << 40) | sequence);
                command.PatchInt64(at[1], sequence);
                if (txn >= 0) command.PatchInt64(txn, sequence + 1);
            }, reply => Ok(reply) && RawBson.Number(reply, "n"u8) == 1
                && !RawBson.TryGet(reply, "writeErrors"u8, out _, out _));
        });
    }

    /// <summary>{find, filter: {_id: random}, limit: 1, singleBatch: true}; expects one document.</summary>
    public static RawResult FindById(IPEndPoint endpoint, string database, BenchOptions options)
    {
        return Run(endpoint, options, client =>
        {
            var (command, at, _) = Prepare(new BsonDocument
            {
                { "find", "point_bench" },
                { "filter", new BsonDocument("_id", IdPlaceholder) },
                { "limit", 1 },
                { "singleBatch", true },
                { "$db", database },
            }, options, false, IdPlaceholder);
            var random = new Random(client);
            return (command, _ => command.PatchInt32(at[0], random.Next(CrudScenarios.Preloaded)),
                reply => Ok(reply) && BatchSize(reply) == 1);
        });
    }

    /// <summary>{findAndModify, query: {_id: random}, update: {$inc: {counter: 1}}, new: true}.</summary>
    public static RawResult FindOneAndUpdate(IPEndPoint endpoint, string database, BenchOptions options)
    {
        return Run(endpoint, options, client =>
        {
            var (command, at, txn) = Prepare(new BsonDocument
            {
                { "findAndModify", "point_bench" },
                { "query", new BsonDocument("_id", IdPlaceholder) },
                { "update", new BsonDocument("$inc", new BsonDocument("counter", 1)) },
                { "new", true },
                { "$db", database },
            }, options, true, IdPlaceholder);
            var random = new Random(client);
            return (command, sequence =>
            {
                command.PatchInt32(at[0], random.Next(CrudScenarios.Preloaded));
                if (txn >= 0) command.PatchInt64(txn, sequence + 1);
            }, reply => Ok(reply) && UpdatedOne(reply));
        });
    }

    /// <summary>
    /// Encodes the command, with an lsid (one per connection) and, for writes, a txnNumber placeholder when
    /// --raw-session is set; returns the placeholders' offsets and the txnNumber's (-1 without one).
    /// </summary>
    private static (RawCommand Command, int[] At, int Txn) Prepare(BsonDocument command, BenchOptions options,
        bool write, params BsonValue[] placeholders)
    {
        var withTxn = options.RawSession && write;
        if (options.RawSession)
        {
            var id = new BsonBinaryData(Guid.NewGuid(), GuidRepresentation.Standard);
            command.InsertAt(command.ElementCount - 1, new BsonElement("lsid", new BsonDocument("id", id)));
        }

        if (withTxn) command.InsertAt(command.ElementCount - 1, new BsonElement("txnNumber", TxnPlaceholder));
        BsonValue[] all = withTxn ? [.. placeholders, TxnPlaceholder] : placeholders;
        var encoded = RawCommand.Encode(command, out var at, all);
        return (encoded, at, withTxn ? at[^1] : -1);
    }

    private static RawResult Run(IPEndPoint endpoint, BenchOptions options,
        Func<int, (RawCommand Command, Action<long> Patch, ReplyCheck Check)> prepare)
    {
        var connections = new RawConnection[options.Clients];
        var plans = new (RawCommand Command, Action<long> Patch, ReplyCheck Check)[options.Clients];
        var failures = new long[options.Clients];
        try
        {
            for (var i = 0; i < options.Clients; i++)
            {
                connections[i] = RawConnection.Connect(endpoint, SocketTimeout);
                plans[i] = prepare(i);
            }

            var summary = ClosedLoop.RunThreads(options, (client, sequence) =>
            {
                var (command, patch, check) = plans[client];
                patch(sequence);
                if (!check(connections[client].RoundTrip(command))) failures[client]++;
            });
            return new RawResult(summary, failures.Sum());
        }
        finally
        {
            foreach (var connection in connections) connection?.Dispose();
        }
    }

    private delegate bool ReplyCheck(ReadOnlySpan<byte> reply);

    private static bool Ok(ReadOnlySpan<byte> reply) => RawBson.Number(reply, "ok"u8) == 1;

    private static int BatchSize(ReadOnlySpan<byte> reply)
    {
        if (!RawBson.TryGet(reply, "cursor"u8, out var type, out var cursor) || type != RawBson.Document)
        {
            return -1;
        }

        if (!RawBson.TryGet(cursor, "firstBatch"u8, out type, out var batch) || type != RawBson.Array)
        {
            return -1;
        }

        return RawBson.Count(batch);
    }

    private static bool UpdatedOne(ReadOnlySpan<byte> reply)
    {
        if (!RawBson.TryGet(reply, "lastErrorObject"u8, out var type, out var lastError)
            || type != RawBson.Document || RawBson.Number(lastError, "n"u8) != 1)
        {
            return false;
        }

        return RawBson.TryGet(reply, "value"u8, out type, out _) && type == RawBson.Document;
    }
}

/// <summary>A raw-client scenario's latency summary and how many replies failed the check.</summary>
public sealed record RawResult(LatencySummary Summary, long Failures);
