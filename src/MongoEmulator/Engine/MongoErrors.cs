namespace HaScheduler.MongoEmulator.Engine;

/// <summary>Error factories for codes that have no helper on <see cref="MongoCommandError"/>.</summary>
internal static class MongoErrors
{
    public static MongoCommandError ConflictingUpdateOperators(string path, string other) =>
        new(40, "ConflictingUpdateOperators",
            $"Updating the path '{path}' would create a conflict at '{other}'");

    public static MongoCommandError ImmutableId() =>
        new(66, "ImmutableField",
            "Performing an update on the path '_id' would modify the immutable field '_id'");

    public static MongoCommandError PathNotViable(string message) => new(28, "PathNotViable", message);

    public static MongoCommandError UnknownStage(string name) =>
        new(40324, "Location40324", $"Unrecognized pipeline stage name: '{name}'");

    public static MongoCommandError UnknownExpression(string name) =>
        new(168, "InvalidPipelineOperator", $"Unrecognized expression '{name}'");

    public static MongoCommandError UnsupportedStage(string name) =>
        MongoCommandError.NotImplemented($"The emulator does not support the {name} stage");

    public static MongoCommandError Unsupported(string what) =>
        MongoCommandError.NotImplemented($"The emulator does not support {what}");
}
