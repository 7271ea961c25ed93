using System.Buffers.Binary;
using HaScheduler.MongoEmulator.Tests.Infrastructure;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit;

namespace HaScheduler.MongoEmulator.Tests.Wire;

/// <summary>Emulator-only: malformed frames must close one connection, never the server.</summary>
public sealed class BadInputTests(MongoTarget target) : IClassFixture<MongoTarget>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [EmulatorOnlyFact]
    public async Task Server_should_answer_op_msg_with_matching_response_to()
    {
        var frame = RawWire.OpMsg(new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, requestId: 77);

        var reply = await RawWire.SendAsync(target.Server!.Port, frame, Await.Within(Bound));

        Assert.Equal(1.0, reply!["ok"].ToDouble());
        Assert.IsType<BsonTimestamp>(reply["operationTime"]);
    }

    [EmulatorOnlyFact]
    public async Task Server_should_close_connection_when_frames_are_malformed()
    {
        var port = target.Server!.Port;
        var wrongLength = RawWire.OpMsg(new BsonDocument { { "ping", 1 }, { "$db", "admin" } });
        BinaryPrimitives.WriteInt32LittleEndian(wrongLength.AsSpan(21), 9999);
        var unknownOpcode = RawWire.OpMsg(new BsonDocument("ping", 1));
        BinaryPrimitives.WriteInt32LittleEndian(unknownOpcode.AsSpan(12), 4242);
        var requiredFlag = RawWire.OpMsg(new BsonDocument("ping", 1), flags: 4);
        var invalidUtf8 = RawWire.OpMsg(new BsonDocument { { "ping", 1 }, { "s", "ab" }, { "$db", "admin" } });
        var at = invalidUtf8.AsSpan().IndexOf("ab"u8);
        invalidUtf8[at] = 0xC3;
        invalidUtf8[at + 1] = 0x28;

        foreach (var frame in new[] { wrongLength, unknownOpcode, requiredFlag, invalidUtf8, Deep(5000) })
        {
            Assert.Null(await RawWire.SendAsync(port, frame, Await.Within(Bound)));
        }

        await target.Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
    }

    [EmulatorOnlyFact]
    public async Task Insert_should_be_rejected_when_document_exceeds_16_mib()
    {
        var collection = target.NewCollection();
        var big = new BsonDocument { { "_id", 1 }, { "b", new BsonBinaryData(new byte[15 * 1024 * 1024]) } };

        await collection.InsertOneAsync(big);
        var tooBig = new BsonDocument { { "_id", 2 }, { "b", new BsonBinaryData(new byte[17 * 1024 * 1024]) } };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => collection.InsertOneAsync(tooBig));
        var stored = await collection.Find(new BsonDocument("_id", 1)).SingleAsync();

        Assert.Equal(15 * 1024 * 1024, stored["b"].AsByteArray.Length);
        Assert.NotNull(error);
    }

    /// <summary>An OP_MSG whose body nests documents <paramref name="depth"/> levels deep.</summary>
    internal static byte[] Deep(int depth)
    {
        var body = new BsonDocument("x", 1);
        for (var i = 0; i < Math.Min(depth, 90); i++) body = new BsonDocument("x", body);
        var bytes = RawWire.OpMsg(new BsonDocument { { "ping", 1 }, { "d", body }, { "$db", "admin" } });
        if (depth <= 90) return bytes;
        // Deeper than the driver's own serializer allows: splice raw nested headers by hand.
        var inner = new List<byte>();
        for (var i = 0; i < depth; i++) inner.AddRange(new byte[] { 0x03, (byte)'x', 0 });
        var doc = new byte[4 + inner.Count + 1];
        inner.CopyTo(doc, 4);
        BinaryPrimitives.WriteInt32LittleEndian(doc, doc.Length);
        var frame = new byte[21 + doc.Length];
        bytes.AsSpan(0, 21).CopyTo(frame);
        doc.CopyTo(frame, 21);
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length);
        return frame;
    }
}
