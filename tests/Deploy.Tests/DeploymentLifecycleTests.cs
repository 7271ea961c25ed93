using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class DeploymentLifecycleTests
{
    private readonly Manifests _manifests = Manifests.Load();

    [Theory]
    [InlineData("readinessProbe", "/health/ready")]
    [InlineData("livenessProbe", "/health/live")]
    [InlineData("startupProbe", "/health/live")]
    public void Probe_should_get_the_health_endpoint_on_the_http_port_when_kubelet_checks(string probe, string path)
    {
        var httpGet = Yaml.Map(_manifests.NodeContainer, probe, "httpGet");

        Assert.Equal(path, Yaml.Text(httpGet, "path"));
        Assert.Equal("http", Yaml.Text(httpGet, "port"));
    }

    [Fact]
    public void Rolling_update_should_change_one_member_at_a_time_when_the_image_changes()
    {
        var strategy = Yaml.Map(_manifests.Deployment, "spec", "strategy");

        Assert.Equal("RollingUpdate", Yaml.Text(strategy, "type"));
        Assert.Equal(1, Yaml.Int(strategy, "rollingUpdate", "maxSurge"));
        Assert.Equal(0, Yaml.Int(strategy, "rollingUpdate", "maxUnavailable"));
    }

    [Fact]
    public void Pre_stop_pause_should_leave_most_of_the_grace_period_to_coordinated_shutdown_when_a_pod_stops()
    {
        var grace = Yaml.Int(_manifests.Deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");

        var pause = Yaml.Int(_manifests.NodeContainer, "lifecycle", "preStop", "sleep", "seconds");

        Assert.Equal(30, grace);
        Assert.InRange(pause, 1, 10);
        Assert.True(grace - pause >= 20, "Coordinated shutdown needs about 20 s after the preStop pause.");
    }

    [Fact]
    public void Container_should_use_the_locally_loaded_image_when_deployed_on_kind()
    {
        var container = _manifests.NodeContainer;

        Assert.Equal("hascheduler:dev", Yaml.Text(container, "image"));
        Assert.Equal("IfNotPresent", Yaml.Text(container, "imagePullPolicy"));
    }

    [Fact]
    public void Pod_should_run_as_non_root_when_admitted()
    {
        var podSecurity = Yaml.Map(_manifests.Deployment, "spec", "template", "spec", "securityContext");

        var containerSecurity = Yaml.Map(_manifests.NodeContainer, "securityContext");

        Assert.Equal("true", Yaml.Text(podSecurity, "runAsNonRoot"));
        Assert.Equal("false", Yaml.Text(containerSecurity, "allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], Yaml.Texts(containerSecurity, "capabilities", "drop"));
    }

    [Fact]
    public void Deployment_should_run_three_replicas_when_demonstrating_failover()
    {
        var replicas = Yaml.Int(_manifests.Deployment, "spec", "replicas");

        Assert.Equal(3, replicas);
    }
}
