namespace HaScheduler.Node.Scheduling;

/// <summary>
/// One problem with user input. <paramref name="Field"/> is the JSON path of the offending value, such as
/// <c>name</c> or <c>definition.times[2]</c>, so a client can show the message next to it.
/// </summary>
public sealed record ValidationError(string Field, string Message);
