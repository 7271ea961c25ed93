using HaScheduler.MongoEmulator.Engine;
using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>Rules every stored document follows: an <c>_id</c>, placed first.</summary>
internal static class Documents
{
    public static BsonDocument WithIdFirst(BsonDocument document)
    {
        if (!document.TryGetValue("_id", out var id))
        {
            document.InsertAt(0, new BsonElement("_id", ObjectId.GenerateNewId()));
            return document;
        }

        if (id is BsonArray or BsonRegularExpression or BsonUndefined)
        {
            throw new MongoCommandError(53, "InvalidIdField", $"The '_id' value cannot be of type {id.BsonType}");
        }

        if (document.GetElement(0).Name != "_id")
        {
            document.Remove("_id");
            document.InsertAt(0, new BsonElement("_id", id));
        }

        return document;
    }

    public static BsonDocument WriteError(int index, MongoCommandError error)
    {
        var entry = new BsonDocument
        {
            { "index", index },
            { "code", error.Code },
            { "codeName", error.CodeName },
            { "errmsg", error.Message },
        };
        if (error.Extra is not null)
        {
            foreach (var element in error.Extra) entry[element.Name] = element.Value;
        }

        return entry;
    }

    public static BsonArray Array(CommandContext context, string field) =>
        context.Command.TryGetValue(field, out var value) && value is BsonArray array
            ? array
            : throw new MongoCommandError(40414, "Location40414", $"BSON field '{context.Name}.{field}' is missing");
}
