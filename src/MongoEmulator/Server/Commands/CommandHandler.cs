using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Server.Commands;

/// <summary>Executes one command; returns the reply body without <c>ok</c> and clock fields.</summary>
internal delegate ValueTask<BsonDocument> CommandHandler(CommandContext context);
