namespace HaScheduler.MongoEmulator.Server.Wire;

/// <summary>A message the server cannot frame; the only safe answer is to close the connection.</summary>
internal sealed class ProtocolException(string message) : Exception(message);
