using YamlDotNet.RepresentationModel;

namespace HaScheduler.Deploy.Tests.Support;

/// <summary>Loads YAML documents and walks them by key; a missing key fails with its path.</summary>
public static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents
            .Select(document => document.RootNode)
            .OfType<YamlMappingNode>()
            .ToList();
    }

    public static YamlNode? Find(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping
                || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    public static YamlMappingNode Map(YamlNode node, params string[] path) =>
        Get<YamlMappingNode>(node, path);

    public static IReadOnlyList<YamlNode> Seq(YamlNode node, params string[] path) =>
        Get<YamlSequenceNode>(node, path).Children.ToList();

    public static string Text(YamlNode node, params string[] path) =>
        Get<YamlScalarNode>(node, path).Value ?? "";

    public static int Int(YamlNode node, params string[] path) => int.Parse(Text(node, path));

    public static IReadOnlyList<string> Texts(YamlNode node, params string[] path) =>
        Seq(node, path).Cast<YamlScalarNode>().Select(scalar => scalar.Value ?? "").ToList();

    /// <summary>A mapping of scalars (labels, selectors) as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Pairs(YamlNode node, params string[] path) =>
        Map(node, path).Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value ?? "",
            pair => ((YamlScalarNode)pair.Value).Value ?? "");

    private static T Get<T>(YamlNode node, string[] path)
        where T : YamlNode =>
        Find(node, path) as T
        ?? throw new KeyNotFoundException(
            $"No {typeof(T).Name} at '{string.Join('.', path)}' (line {node.Start.Line}).");
}
