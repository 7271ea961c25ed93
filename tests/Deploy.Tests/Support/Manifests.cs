using YamlDotNet.RepresentationModel;

namespace HaScheduler.Deploy.Tests.Support;

/// <summary>The Kubernetes objects of deploy/k8s, in the files its kustomization.yaml lists.</summary>
public sealed class Manifests
{
    public const string Namespace = "hascheduler";

    private Manifests(IReadOnlyList<string> resources, IReadOnlyList<YamlMappingNode> objects)
    {
        Resources = resources;
        Objects = objects;
    }

    public static string Folder => RepositoryRoot.File("deploy", "k8s");

    public IReadOnlyList<string> Resources { get; }

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public static Manifests Load()
    {
        var kustomization = Yaml.LoadDocuments(Path.Combine(Folder, "kustomization.yaml")).Single();
        var resources = Yaml.Texts(kustomization, "resources");
        var objects = resources
            .SelectMany(resource => Yaml.LoadDocuments(Path.Combine(Folder, resource)))
            .ToList();

        return new Manifests(resources, objects);
    }

    public YamlMappingNode Get(string kind, string name) =>
        Objects.SingleOrDefault(item =>
            Yaml.Text(item, "kind") == kind && Yaml.Text(item, "metadata", "name") == name)
        ?? throw new KeyNotFoundException($"No {kind} named {name} in deploy/k8s.");

    public IReadOnlyList<YamlMappingNode> OfKind(string kind) =>
        Objects.Where(item => Yaml.Text(item, "kind") == kind).ToList();

    public YamlMappingNode Deployment => Get("Deployment", "hascheduler");

    /// <summary>The HaScheduler container of the Deployment's pod template.</summary>
    public YamlMappingNode NodeContainer =>
        (YamlMappingNode)Yaml.Seq(Deployment, "spec", "template", "spec", "containers")
            .Single(container => Yaml.Text(container, "name") == "hascheduler");

    public IReadOnlyDictionary<string, string> PodLabels =>
        Yaml.Pairs(Deployment, "spec", "template", "metadata", "labels");

    /// <summary>The container's env entries by name (mappings with <c>value</c> or <c>valueFrom</c>).</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Environment =>
        Yaml.Seq(NodeContainer, "env")
            .Cast<YamlMappingNode>()
            .ToDictionary(entry => Yaml.Text(entry, "name"), StringComparer.Ordinal);

    public string EnvironmentValue(string name) => Yaml.Text(Environment[name], "value");

    public int ContainerPort(string portName) =>
        Yaml.Int(
            Yaml.Seq(NodeContainer, "ports").Single(port => Yaml.Text(port, "name") == portName),
            "containerPort");

    /// <summary>True when every pair of the selector is among the labels.</summary>
    public static bool Selects(
        IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0
        && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
