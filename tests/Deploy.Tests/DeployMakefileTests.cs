using System.Text.RegularExpressions;
using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class DeployMakefileTests
{
    private readonly string _makefile = RepositoryRoot.ReadAllText("deploy", "deploy.mk");

    [Theory]
    [InlineData("image")]
    [InlineData("kind-up")]
    [InlineData("up")]
    [InlineData("down")]
    [InlineData("logs")]
    [InlineData("kill-pod")]
    [InlineData("mongo-rs-up")]
    [InlineData("mongo-rs-down")]
    public void Deploy_makefile_should_check_its_tools_first_when_running_a_target(string target)
    {
        var recipe = Recipe(target);

        var firstLine = recipe.First();

        Assert.Contains("require", firstLine, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_target_should_build_the_deploy_dockerfile_from_the_repository_root_when_run()
    {
        var recipe = string.Join("\n", Recipe("image"));

        Assert.Contains("docker build -t $(DEPLOY_IMAGE) -f deploy/Dockerfile .", recipe);
        Assert.Matches(@"(?m)^DEPLOY_IMAGE \?= hascheduler:dev$", _makefile);
    }

    [Fact]
    public void Up_target_should_create_the_cluster_from_the_kind_config_when_absent()
    {
        var kindUp = string.Join("\n", Recipe("kind-up"));
        var up = string.Join("\n", Recipe("up"));

        Assert.Contains("--config deploy/kind/cluster.yaml", kindUp);
        Assert.Contains("kind load docker-image $(DEPLOY_IMAGE)", up);
        Assert.Contains("apply -k deploy/k8s", up);
        Assert.Contains("rollout status deployment/hascheduler", up);
    }

    private IReadOnlyList<string> Recipe(string target)
    {
        var header = TargetHeader(target).Match(_makefile);
        Assert.True(header.Success, $"No target '{target}' in deploy/deploy.mk.");
        return _makefile[(header.Index + header.Length)..]
            .Split('\n')
            .TakeWhile(line => line.StartsWith('\t'))
            .Select(line => line.Trim())
            .ToList();
    }

    private static Regex TargetHeader(string target) =>
        new($"(?m)^{Regex.Escape(target)}:[^\\n=]*\\n", RegexOptions.CultureInvariant);
}
