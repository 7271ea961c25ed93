using HaScheduler.Deploy.Tests.Support;

namespace HaScheduler.Deploy.Tests;

public sealed class KustomizationTests
{
    [Fact]
    public void Kustomization_should_list_every_manifest_when_deploy_k8s_holds_yaml_files()
    {
        var onDisk = Directory.GetFiles(Manifests.Folder, "*.yaml")
            .Select(Path.GetFileName)
            .Where(name => name != "kustomization.yaml")
            .Order(StringComparer.Ordinal);

        var listed = Manifests.Load().Resources.Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, listed);
    }

    [Fact]
    public void Manifests_should_place_every_namespaced_object_in_hascheduler_when_applied_without_kustomize()
    {
        var manifests = Manifests.Load();

        var namespaced = manifests.Objects.Where(item => Yaml.Text(item, "kind") != "Namespace").ToList();

        Assert.NotEmpty(namespaced);
        Assert.All(
            namespaced,
            item => Assert.Equal(Manifests.Namespace, Yaml.Text(item, "metadata", "namespace")));
        Assert.NotNull(manifests.Get("Namespace", Manifests.Namespace));
    }
}
