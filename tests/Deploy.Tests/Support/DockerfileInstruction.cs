namespace HaScheduler.Deploy.Tests.Support;

/// <summary>One Dockerfile instruction, continuations joined; <see cref="Stage"/> counts FROMs from 0.</summary>
public sealed record DockerfileInstruction(int Stage, string Keyword, string Arguments)
{
    public IReadOnlyList<string> Words =>
        Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
