using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class KindClusterTests
{
    private readonly YamlDotNet.RepresentationModel.YamlMappingNode _cluster =
        Yaml.LoadDocuments(RepositoryRoot.File("deploy", "kind", "cluster.yaml")).Single();

    [Fact]
    public void Kind_port_mapping_should_publish_the_api_node_port_on_host_8080_when_the_cluster_starts()
    {
        var apiPort = Assert.Single(Yaml.Seq(Manifests.Load().Get("Service", "hascheduler"), "spec", "ports"));
        var controlPlane = Yaml.Seq(_cluster, "nodes").Single(node => Yaml.Text(node, "role") == "control-plane");

        var mapping = Assert.Single(Yaml.Seq(controlPlane, "extraPortMappings"));

        Assert.Equal(Yaml.Int(apiPort, "nodePort"), Yaml.Int(mapping, "containerPort"));
        Assert.Equal(8080, Yaml.Int(mapping, "hostPort"));
        Assert.Equal("TCP", Yaml.Text(mapping, "protocol"));
    }

    [Fact]
    public void Kind_cluster_should_have_one_control_plane_and_two_workers_when_created()
    {
        var roles = Yaml.Seq(_cluster, "nodes").Select(node => Yaml.Text(node, "role")).ToList();

        Assert.Equal("kind.x-k8s.io/v1alpha4", Yaml.Text(_cluster, "apiVersion"));
        Assert.Equal(1, roles.Count(role => role == "control-plane"));
        Assert.Equal(2, roles.Count(role => role == "worker"));
    }
}
