using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class DockerIgnoreTests
{
    private readonly IReadOnlyList<string> _patterns = RepositoryRoot.ReadAllText(".dockerignore")
        .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Where(line => !line.StartsWith('#'))
        .ToList();

    [Theory]
    [InlineData("**/bin")]
    [InlineData("**/obj")]
    [InlineData(".git")]
    [InlineData(".local")]
    [InlineData("artifacts")]
    [InlineData(".tools")]
    [InlineData("**/node_modules")]
    [InlineData("tests")]
    [InlineData("bench")]
    public void Docker_ignore_should_exclude_build_output_and_other_trees_when_sending_the_context(string pattern)
    {
        var patterns = _patterns;

        Assert.Contains(pattern, patterns);
    }

    [Theory]
    [InlineData("src")]
    [InlineData("global.json")]
    [InlineData("Directory.Build.props")]
    [InlineData("Directory.Packages.props")]
    [InlineData(".editorconfig")]
    public void Docker_ignore_should_keep_restore_and_build_inputs_when_sending_the_context(string path)
    {
        var patterns = _patterns;

        Assert.DoesNotContain(
            patterns,
            pattern => pattern == path
                || pattern == "*"
                || path.StartsWith(pattern + "/", StringComparison.Ordinal));
    }
}
