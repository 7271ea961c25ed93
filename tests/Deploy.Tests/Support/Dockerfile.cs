namespace HaScheduler.Deploy.Tests.Support;

/// <summary>
/// Just enough of the Dockerfile syntax for these tests: comments, backslash continuations, one
/// instruction per logical line, stages split by FROM. No parser directives or heredocs are used.
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerfileInstruction> instructions) => Instructions = instructions;

    public IReadOnlyList<DockerfileInstruction> Instructions { get; }

    public int StageCount => Instructions.Count(instruction => instruction.Keyword == "FROM");

    public IReadOnlyList<DockerfileInstruction> FinalStage =>
        Instructions.Where(instruction => instruction.Stage == StageCount - 1).ToList();

    public static Dockerfile Load(string path) => Parse(File.ReadAllLines(path));

    public static Dockerfile Parse(IEnumerable<string> lines)
    {
        var instructions = new List<DockerfileInstruction>();
        var pending = "";
        var stage = -1;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var text = (pending + line).Trim();
            pending = "";
            if (text.Length == 0)
            {
                continue;
            }

            var space = text.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : text[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerfileInstruction(stage, keyword, arguments));
        }

        return new Dockerfile(instructions);
    }
}
