using System.Text.RegularExpressions;
using HaScheduler.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace HaScheduler.Deploy.Tests;

public sealed partial class ComposeReplicaSetTests
{
    /// <summary>The URI deploy/README.md tells developers to export as HASCHEDULER_TEST_MONGO_URI.</summary>
    private const string TestUri = "mongodb://localhost:27017,localhost:27018,localhost:27019/?replicaSet=rs0";

    private readonly YamlMappingNode _compose =
        Yaml.LoadDocuments(RepositoryRoot.File("deploy", "compose", "docker-compose.yaml")).Single();

    private IReadOnlyList<YamlMappingNode> Mongods =>
        Yaml.Map(_compose, "services").Children
            .Where(pair => ((YamlScalarNode)pair.Key).Value!.StartsWith("mongo", StringComparison.Ordinal))
            .Select(pair => (YamlMappingNode)pair.Value)
            .Where(service => Yaml.Find(service, "command") is not null)
            .ToList();

    [Fact]
    public void Compose_should_run_three_mongod_7_in_replica_set_rs0_when_started()
    {
        var mongods = Mongods;

        Assert.Equal(3, mongods.Count);
        Assert.All(mongods, service => Assert.Equal("mongo:7.0", Yaml.Text(service, "image")));
        Assert.All(mongods, service => Assert.Equal("rs0", Argument(service, "--replSet")));
    }

    [Fact]
    public void Replica_set_members_should_be_the_hosts_of_the_test_uri_when_initiated()
    {
        var script = string.Join("\n", Yaml.Texts(_compose, "services", "mongo-init", "entrypoint"));

        var members = MemberHost().Matches(script).Select(match => match.Groups["host"].Value);
        var ports = Mongods.Select(service => $"localhost:{Argument(service, "--port")}");

        Assert.Equal(TestUriHosts(), members);
        Assert.Equal(TestUriHosts(), ports);
        Assert.Contains("\"NotYetInitialized\"", script);
    }

    [Fact]
    public void Mongods_should_share_one_network_namespace_when_members_are_named_localhost()
    {
        var first = Mongods[0];

        var published = Yaml.Texts(first, "ports").Select(mapping => mapping.Split(':')[^1]);

        Assert.All(Mongods.Skip(1), service => Assert.Equal("service:mongo1", Yaml.Text(service, "network_mode")));
        Assert.Equal("service:mongo1", Yaml.Text(_compose, "services", "mongo-init", "network_mode"));
        Assert.Equal(TestUriHosts().Select(host => host.Split(':')[1]), published);
    }

    private static IReadOnlyList<string> TestUriHosts() =>
        TestUri["mongodb://".Length..TestUri.IndexOf('/', "mongodb://".Length)].Split(',');

    private static string Argument(YamlNode service, string option)
    {
        var command = Yaml.Texts(service, "command").ToList();
        return command[command.IndexOf(option) + 1];
    }

    [GeneratedRegex("""host:\s*"(?<host>[^"]+)"\s*[,}]""")]
    private static partial Regex MemberHost();
}
