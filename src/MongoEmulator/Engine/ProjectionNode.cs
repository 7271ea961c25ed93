using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>One level of a parsed projection: what happens to each field name at this level.</summary>
internal sealed class ProjectionNode
{
    public Dictionary<string, ProjectionNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>Order in which computed fields were declared (they are appended in that order).</summary>
    public List<string> Order { get; } = [];

    public bool? Include { get; set; }

    public CompiledExpression? Computed { get; set; }

    /// <summary>A find-only operator ($slice, $elemMatch) applied to the field's value.</summary>
    public Func<BsonValue, BsonValue?>? Transform { get; set; }

    public bool IsLeaf => Children.Count == 0;

    public ProjectionNode Child(string name, string fullPath)
    {
        if (Children.TryGetValue(name, out var existing))
        {
            if (existing.IsLeaf)
            {
                throw Collision(fullPath);
            }

            return existing;
        }

        if (Include is not null || Computed is not null || Transform is not null)
        {
            throw Collision(fullPath);
        }

        var child = new ProjectionNode();
        Children[name] = child;
        Order.Add(name);
        return child;
    }

    public void AddLeaf(string name, ProjectionNode leaf, string fullPath)
    {
        if (!Children.TryAdd(name, leaf))
        {
            throw Collision(fullPath);
        }

        Order.Add(name);
    }

    /// <summary>Inclusion mode: keep only listed fields (in document order), then computed ones.</summary>
    public BsonDocument ApplyInclusion(BsonDocument source, in ExpressionScope scope)
    {
        var result = new BsonDocument();
        foreach (var element in source)
        {
            if (!Children.TryGetValue(element.Name, out var node) || node.Computed is not null)
            {
                continue;
            }

            if (node.Include == true)
            {
                result.Add(element.Name, element.Value.DeepClone());
            }
            else if (node.Transform is not null)
            {
                if (node.Transform(element.Value) is { } transformed)
                {
                    result.Add(element.Name, transformed);
                }
            }
            else if (!node.IsLeaf && node.Nested(element.Value, scope, inclusion: true) is { } nested)
            {
                result.Add(element.Name, nested);
            }
        }

        foreach (var name in Order)
        {
            var node = Children[name];
            if (node.Computed is not null && node.Computed(scope) is { } value)
            {
                result.Set(name, value);
            }
            else if (!node.IsLeaf && node.HasComputed() && !result.Contains(name))
            {
                result.Add(name, node.ApplyInclusion([], scope));
            }
        }

        return result;
    }

    /// <summary>Exclusion mode: drop listed fields, keep everything else in place.</summary>
    public BsonDocument ApplyExclusion(BsonDocument source, in ExpressionScope scope)
    {
        var result = new BsonDocument();
        foreach (var element in source)
        {
            if (!Children.TryGetValue(element.Name, out var node))
            {
                result.Add(element.Name, element.Value.DeepClone());
            }
            else if (node.Transform is not null)
            {
                if (node.Transform(element.Value) is { } transformed)
                {
                    result.Add(element.Name, transformed);
                }
            }
            else if (node.Include != false && !node.IsLeaf)
            {
                result.Add(element.Name, node.Nested(element.Value, scope, inclusion: false)!);
            }
            else if (node.Include == true)
            {
                result.Add(element.Name, element.Value.DeepClone());
            }
        }

        return result;
    }

    private bool HasComputed() =>
        Children.Values.Any(c => c.Computed is not null || (!c.IsLeaf && c.HasComputed()));

    // Sub-projections apply to embedded documents and to documents inside arrays; in inclusion
    // mode scalars under a projected sub-path disappear, in exclusion mode they stay.
    private BsonValue? Nested(BsonValue value, in ExpressionScope scope, bool inclusion)
    {
        switch (value)
        {
            case BsonDocument document:
                return inclusion ? ApplyInclusion(document, scope) : ApplyExclusion(document, scope);
            case BsonArray array:
                var mapped = new BsonArray();
                foreach (var element in array)
                {
                    if (Nested(element, scope, inclusion) is { } projected)
                    {
                        mapped.Add(projected);
                    }
                }

                return mapped;
            default:
                return inclusion ? null : value.DeepClone();
        }
    }

    private static MongoCommandError Collision(string path) =>
        new(31250, "Location31250", $"Path collision at {path}");
}
