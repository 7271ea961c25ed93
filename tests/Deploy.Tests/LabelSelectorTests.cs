using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class LabelSelectorTests
{
    private readonly Manifests _manifests = Manifests.Load();

    [Fact]
    public void Discovery_selector_should_match_the_pod_labels_when_the_service_name_is_substituted()
    {
        var template = _manifests.EnvironmentValue("HaScheduler__Cluster__PodLabelSelector");
        var serviceName = _manifests.EnvironmentValue("HaScheduler__Cluster__ServiceName");

        var selector = ParseEqualitySelector(string.Format(template, serviceName));

        Assert.True(Manifests.Selects(selector, _manifests.PodLabels), $"'{template}' misses the pods.");
    }

    [Fact]
    public void Discovery_selector_should_not_match_mongodb_pods_when_listing_members()
    {
        var template = _manifests.EnvironmentValue("HaScheduler__Cluster__PodLabelSelector");
        var serviceName = _manifests.EnvironmentValue("HaScheduler__Cluster__ServiceName");
        var mongo = _manifests.Get("StatefulSet", "mongodb");
        var mongoLabels = Yaml.Pairs(mongo, "spec", "template", "metadata", "labels");

        var selector = ParseEqualitySelector(string.Format(template, serviceName));

        Assert.False(Manifests.Selects(selector, mongoLabels));
    }

    [Fact]
    public void Deployment_selector_should_match_its_pod_template_when_applied()
    {
        var selector = Yaml.Pairs(_manifests.Deployment, "spec", "selector", "matchLabels");

        Assert.True(Manifests.Selects(selector, _manifests.PodLabels));
    }

    [Fact]
    public void Discovery_selector_should_match_no_other_workload_when_listing_members()
    {
        var template = _manifests.EnvironmentValue("HaScheduler__Cluster__PodLabelSelector");
        var serviceName = _manifests.EnvironmentValue("HaScheduler__Cluster__ServiceName");
        var selector = ParseEqualitySelector(string.Format(template, serviceName));

        var others = _manifests.Objects
            .Where(item => Yaml.Find(item, "spec", "template", "metadata", "labels") is not null)
            .Where(item => !ReferenceEquals(item, _manifests.Deployment))
            .ToList();

        Assert.NotEmpty(others);
        Assert.All(others, item => Assert.False(
            Manifests.Selects(selector, Yaml.Pairs(item, "spec", "template", "metadata", "labels")),
            $"{Yaml.Text(item, "kind")} {Yaml.Text(item, "metadata", "name")} would be discovered as a member."));
    }

    [Fact]
    public void Service_selector_should_match_the_scheduler_pods_when_routing()
    {
        var services = _manifests.OfKind("Service")
            .Where(item => Yaml.Text(item, "metadata", "name").StartsWith("hascheduler", StringComparison.Ordinal))
            .ToList();

        var service = Assert.Single(services);
        var selector = Yaml.Pairs(service, "spec", "selector");

        Assert.Equal("hascheduler", Yaml.Text(service, "metadata", "name"));
        Assert.True(Manifests.Selects(selector, _manifests.PodLabels));
    }

    [Fact]
    public void Disruption_budget_should_cover_the_scheduler_pods_when_nodes_are_drained()
    {
        var budget = _manifests.Get("PodDisruptionBudget", "hascheduler");

        var selector = Yaml.Pairs(budget, "spec", "selector", "matchLabels");

        Assert.True(Manifests.Selects(selector, _manifests.PodLabels));
        Assert.Equal(1, Yaml.Int(budget, "spec", "maxUnavailable"));
    }

    /// <summary>Only the <c>k=v[,k=v]</c> form the manifests use; set-based selectors are rejected.</summary>
    private static Dictionary<string, string> ParseEqualitySelector(string selector) =>
        selector.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(term => term.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(
                term => term.Length == 2 ? term[0] : throw new FormatException($"Not k=v: '{selector}'."),
                term => term[1]);
}
