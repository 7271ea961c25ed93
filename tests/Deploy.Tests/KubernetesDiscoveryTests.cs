using System.Text.RegularExpressions;
using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

/// <summary>
/// Cluster formation on Kubernetes (src/Node/Hosting/DiscoverySeedJoin.cs): Akka.Discovery lists the pods,
/// takes the container port named as in the node's <c>Lookup</c>, and the node joins the result as seed
/// nodes once its own address is among them. Akka.Management (bootstrap, port 8558) is no longer used.
/// </summary>
public sealed partial class KubernetesDiscoveryTests
{
    private const string SeedJoinSource = "src/Node/Hosting/DiscoverySeedJoin.cs";

    private readonly Manifests _manifests = Manifests.Load();

    [Fact]
    public void Discovery_port_name_should_be_remoting_when_the_node_looks_up_its_peers()
    {
        var portName = LookupPortName();

        Assert.Equal("remoting", portName);
    }

    [Fact]
    public void Container_should_have_exactly_the_discovery_port_when_pods_are_listed()
    {
        var portName = LookupPortName();

        // The kubernetes-api method picks the first container port whose name *contains* the lookup's
        // port name, so any other port with "remoting" in its name could be picked instead.
        var matching = Yaml.Seq(_manifests.NodeContainer, "ports")
            .Select(port => Yaml.Text(port, "name"))
            .Where(name => name.Contains(portName, StringComparison.Ordinal))
            .ToList();

        Assert.Equal([portName], matching);
    }

    [Fact]
    public void Discovery_port_should_equal_the_remoting_port_when_the_node_looks_for_itself()
    {
        var discovered = _manifests.ContainerPort(LookupPortName());

        var bound = int.Parse(_manifests.EnvironmentValue("HaScheduler__Cluster__Port"));

        // The node joins only once discovery lists its own address (PublicHostname:Port).
        Assert.Equal(bound, discovered);
    }

    [Fact]
    public void Cluster_keys_should_equal_the_cluster_options_properties_when_bound()
    {
        var properties = SettableProperty().Matches(RepositoryRoot.ReadAllText("src", "Node", "Hosting", "ClusterNodeOptions.cs"))
            .Select(match => "HaScheduler:Cluster:" + match.Groups["name"].Value)
            .Order(StringComparer.Ordinal)
            .ToList();

        var known = ConfigurationKeys.Known
            .Where(key => key.StartsWith("HaScheduler:Cluster:", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(properties);
        Assert.Equal(properties, known);
        Assert.DoesNotContain("HaScheduler:Cluster:ManagementPort", ConfigurationKeys.Known);
    }

    [Fact]
    public void Deployment_should_not_set_a_management_port_when_akka_management_is_not_used()
    {
        var ports = Yaml.Seq(_manifests.NodeContainer, "ports")
            .Select(port => (Name: Yaml.Text(port, "name"), Number: Yaml.Int(port, "containerPort")))
            .ToList();

        Assert.DoesNotContain(ports, port => port.Name == "management" || port.Number == 8558);
        Assert.DoesNotContain(_manifests.Environment.Keys, name => name.Contains("Management", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Manifests_should_not_declare_a_management_service_when_akka_management_is_not_used()
    {
        var services = _manifests.OfKind("Service").Select(item => Yaml.Text(item, "metadata", "name"));

        Assert.DoesNotContain("hascheduler-management", services);
    }

    [Fact]
    public void Deploy_files_should_not_refer_to_akka_management_when_it_is_not_used()
    {
        // The README explains why Akka.Management is not used, so it is the one file allowed to name it.
        var files = Directory.EnumerateFiles(RepositoryRoot.File("deploy"), "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "README.md")
            .ToList();

        var dangling = files
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, number: index + 1)))
            .Where(item => DanglingReference().IsMatch(item.line))
            .Where(item => !IsExplanation(item.line))
            .Select(item => $"{Path.GetRelativePath(RepositoryRoot.Path, item.path)}:{item.number}: {item.line.Trim()}")
            .ToList();

        Assert.NotEmpty(files);
        Assert.Empty(dangling);
    }

    /// <summary>A comment saying Akka.Management is not used (the Dockerfile's EXPOSE note) is no reference.</summary>
    private static bool IsExplanation(string line) =>
        line.TrimStart().StartsWith('#') && line.Contains("No Akka.Management port", StringComparison.Ordinal);

    private static string LookupPortName()
    {
        var source = RepositoryRoot.ReadAllText(SeedJoinSource.Split('/'));
        var match = Assert.Single(LookupCall().Matches(source));
        return match.Groups["port"].Value;
    }

    [GeneratedRegex("""new\s+Lookup\(\s*[^,]+,\s*"(?<port>[^"]+)"\s*,\s*"tcp"\s*\)""")]
    private static partial Regex LookupCall();

    [GeneratedRegex("""public\s+[\w?<>\[\]]+\s+(?<name>\w+)\s*\{\s*get;\s*set;\s*\}""")]
    private static partial Regex SettableProperty();

    [GeneratedRegex("management|bootstrap|8558", RegexOptions.IgnoreCase)]
    private static partial Regex DanglingReference();
}
