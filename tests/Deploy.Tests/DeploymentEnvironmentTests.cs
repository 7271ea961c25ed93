using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class DeploymentEnvironmentTests
{
    private readonly Manifests _manifests = Manifests.Load();

    [Fact]
    public void Deployment_should_set_only_bound_configuration_keys_when_it_sets_environment_variables()
    {
        var names = _manifests.Environment.Keys.ToList();

        var unknown = names
            .Where(name => !ConfigurationKeys.HostVariables.Contains(name))
            .Where(name => !ConfigurationKeys.Known.Contains(ConfigurationKeys.FromEnvironmentVariable(name)))
            .ToList();

        Assert.NotEmpty(names);
        Assert.Empty(unknown);
    }

    [Fact]
    public void Deployment_should_use_kubernetes_api_discovery_when_running_in_a_cluster()
    {
        var discovery = _manifests.EnvironmentValue("HaScheduler__Cluster__Discovery");

        Assert.Contains(discovery, ConfigurationKeys.DiscoveryModes);
        Assert.Equal("KubernetesApi", discovery);
    }

    [Theory]
    [InlineData("HaScheduler__Cluster__Hostname")]
    [InlineData("HaScheduler__Cluster__PublicHostname")]
    public void Remoting_host_should_come_from_the_pod_ip_when_set_by_the_downward_api(string variable)
    {
        var entry = _manifests.Environment[variable];

        var fieldPath = Yaml.Text(entry, "valueFrom", "fieldRef", "fieldPath");

        Assert.Equal("status.podIP", fieldPath);
        Assert.Null(Yaml.Find(entry, "value"));
    }

    [Fact]
    public void Cluster_ports_should_equal_the_container_ports_when_set_by_environment()
    {
        var remoting = int.Parse(_manifests.EnvironmentValue("HaScheduler__Cluster__Port"));
        var urls = new Uri(_manifests.EnvironmentValue("ASPNETCORE_URLS"));

        Assert.Equal(_manifests.ContainerPort("remoting"), remoting);
        Assert.Equal(_manifests.ContainerPort("http"), urls.Port);
        Assert.Equal("0.0.0.0", urls.Host);
    }

    [Fact]
    public void Required_contact_points_should_be_a_majority_of_replicas_when_forming_the_cluster()
    {
        var required = int.Parse(_manifests.EnvironmentValue("HaScheduler__Cluster__RequiredContactPoints"));
        var replicas = Yaml.Int(_manifests.Deployment, "spec", "replicas");

        Assert.True(required <= replicas, $"{required} contact points can never be found among {replicas} pods.");
        Assert.True(required * 2 > replicas, $"{required} of {replicas} pods could form two clusters.");
    }

    [Fact]
    public void Pod_namespace_should_come_from_the_pod_metadata_when_discovery_lists_pods()
    {
        var entry = _manifests.Environment["HaScheduler__Cluster__PodNamespace"];

        Assert.Equal("metadata.namespace", Yaml.Text(entry, "valueFrom", "fieldRef", "fieldPath"));
    }
}
