using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class DockerfileTests
{
    private const string NodeProject = "src/Node/Node.csproj";

    private static readonly string[] RestoreInputs =
        ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    private readonly Dockerfile _dockerfile = Dockerfile.Load(RepositoryRoot.File("deploy", "Dockerfile"));

    [Fact]
    public void Dockerfile_should_build_on_the_sdk_and_run_on_aspnet_when_multi_stage()
    {
        var bases = _dockerfile.Instructions
            .Where(item => item.Keyword == "FROM")
            .Select(item => item.Words[0]);

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], bases);
    }

    [Fact]
    public void Dockerfile_should_publish_only_the_node_project_when_building()
    {
        var runs = _dockerfile.Instructions.Where(item => item.Keyword == "RUN").ToList();

        var publish = Assert.Single(
            runs, item => item.Arguments.Contains("dotnet publish", StringComparison.Ordinal));

        var project = publish.Words.Single(word => word.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.Equal(NodeProject, project);
        Assert.DoesNotContain(runs, item => item.Arguments.Contains(".sln", StringComparison.Ordinal));
        Assert.Contains("--no-restore", publish.Words);
    }

    [Fact]
    public void Dockerfile_should_copy_every_restore_input_before_restoring_when_caching_layers()
    {
        var restoreAt = IndexOfRun("dotnet restore");
        var copied = _dockerfile.Instructions.Take(restoreAt)
            .Where(item => item.Keyword == "COPY")
            .SelectMany(item => item.Words.SkipLast(1))
            .ToHashSet(StringComparer.Ordinal);

        var needed = RestoreInputs.Concat(ProjectGraph.Closure(NodeProject)).ToList();

        Assert.All(needed, path => Assert.Contains(path, copied));
        Assert.All(copied, path => Assert.True(File.Exists(RepositoryRoot.File(path)), $"{path}: no such file."));
        Assert.Contains(NodeProject, _dockerfile.Instructions[restoreAt].Words);
    }

    [Fact]
    public void Dockerfile_should_copy_the_sources_of_every_referenced_project_before_publishing()
    {
        var publishAt = IndexOfRun("dotnet publish");
        var copied = _dockerfile.Instructions.Take(publishAt)
            .Where(item => item.Keyword == "COPY")
            .SelectMany(item => item.Words.SkipLast(1))
            .ToHashSet(StringComparer.Ordinal);

        var folders = ProjectGraph.Closure(NodeProject)
            .Select(project => Path.GetDirectoryName(project) + "/");

        Assert.All(folders, folder => Assert.Contains(folder, copied));
        Assert.DoesNotContain(
            copied, path => path is "." or "./" || path.StartsWith("tests", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_stage_should_run_as_the_non_root_app_user_when_started()
    {
        var users = _dockerfile.FinalStage.Where(item => item.Keyword == "USER").ToList();

        Assert.Equal("$APP_UID", users.Last().Arguments);
        Assert.DoesNotContain(users, item => item.Arguments is "root" or "0");
    }

    [Fact]
    public void Runtime_stage_should_expose_the_ports_the_deployment_names_when_running()
    {
        var manifests = Manifests.Load();

        var exposed = _dockerfile.FinalStage
            .Where(item => item.Keyword == "EXPOSE")
            .SelectMany(item => item.Words);

        Assert.Equal(
            new[] { "http", "remoting" }.Select(name => manifests.ContainerPort(name).ToString()),
            exposed);
    }

    [Fact]
    public void Runtime_stage_should_start_the_node_assembly_when_the_container_starts()
    {
        var entrypoint = Assert.Single(_dockerfile.FinalStage, item => item.Keyword == "ENTRYPOINT");

        Assert.Equal($"[\"dotnet\", \"{ProjectGraph.AssemblyName(NodeProject)}.dll\"]", entrypoint.Arguments);
    }

    [Fact]
    public void Dockerfile_should_leave_health_to_kubernetes_probes_when_deployed()
    {
        var instructions = _dockerfile.Instructions;

        Assert.DoesNotContain(instructions, item => item.Keyword == "HEALTHCHECK");
    }

    private int IndexOfRun(string command)
    {
        var index = _dockerfile.Instructions.ToList()
            .FindIndex(item =>
                item.Keyword == "RUN" && item.Arguments.Contains(command, StringComparison.Ordinal));
        Assert.True(index >= 0, $"No RUN {command} in deploy/Dockerfile.");
        return index;
    }
}
