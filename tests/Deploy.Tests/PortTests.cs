using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class PortTests
{
    private readonly Manifests _manifests = Manifests.Load();

    [Theory]
    [InlineData("http", 8080)]
    [InlineData("remoting", 4053)]
    public void Container_should_name_its_port_when_services_and_discovery_refer_to_it(string name, int port)
    {
        var containerPort = _manifests.ContainerPort(name);

        Assert.Equal(port, containerPort);
    }

    [Fact]
    public void Api_service_should_expose_the_http_port_on_node_port_30080_when_reached_from_the_host()
    {
        var service = _manifests.Get("Service", "hascheduler");

        var port = Assert.Single(Yaml.Seq(service, "spec", "ports"));

        Assert.Equal("NodePort", Yaml.Text(service, "spec", "type"));
        Assert.Equal("http", Yaml.Text(port, "targetPort"));
        Assert.Equal(_manifests.ContainerPort("http"), Yaml.Int(port, "port"));
        Assert.Equal(30080, Yaml.Int(port, "nodePort"));
    }
}
