using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class RbacTests
{
    private readonly Manifests _manifests = Manifests.Load();

    [Fact]
    public void Role_should_grant_reading_pods_when_discovery_lists_them()
    {
        var binding = _manifests.OfKind("RoleBinding").Single();
        var role = _manifests.Get("Role", Yaml.Text(binding, "roleRef", "name"));

        var podRules = Yaml.Seq(role, "rules")
            .Where(rule => Yaml.Texts(rule, "apiGroups").Contains(""))
            .Where(rule => Yaml.Texts(rule, "resources").Contains("pods"))
            .ToList();

        var rule = Assert.Single(podRules);
        Assert.Equal(["get", "list", "watch"], Yaml.Texts(rule, "verbs").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Role_binding_should_bind_the_deployment_service_account_when_pods_call_the_api()
    {
        var accountName = Yaml.Text(_manifests.Deployment, "spec", "template", "spec", "serviceAccountName");
        var binding = _manifests.OfKind("RoleBinding").Single();

        var subject = Assert.Single(Yaml.Seq(binding, "subjects"));

        Assert.Equal("ServiceAccount", Yaml.Text(subject, "kind"));
        Assert.Equal(accountName, Yaml.Text(subject, "name"));
        Assert.Equal(Manifests.Namespace, Yaml.Text(subject, "namespace"));
        Assert.Equal("Role", Yaml.Text(binding, "roleRef", "kind"));
        Assert.NotNull(_manifests.Get("ServiceAccount", accountName));
    }
}
