using MongoDB.Bson;

namespace HaScheduler.MongoEmulator.Engine;

/// <summary>
/// A find/findAndModify projection (inclusion or exclusion, dotted paths, <c>_id</c> rules,
/// <c>$slice</c>, <c>$elemMatch</c>, computed fields); also the engine of the <c>$project</c> stage.
/// </summary>
public sealed class Projection
{
    private readonly ProjectionNode? _root;
    private readonly bool _inclusion;
    private readonly bool _includeId = true;

    private Projection(ProjectionNode? root, bool inclusion, bool includeId)
    {
        _root = root;
        _inclusion = inclusion;
        _includeId = includeId;
    }

    public static Projection Parse(BsonDocument? projection) => Parse(projection, isFind: true);

    public bool IsEmpty => _root is null;

    /// <summary>
    /// Returns the projected copy. An empty projection returns <paramref name="document"/> itself
    /// (callers that hand documents out must copy them anyway).
    /// </summary>
    public BsonDocument Apply(BsonDocument document) => Apply(document, null);

    internal BsonDocument Apply(BsonDocument document, ExpressionContext? context)
    {
        if (_root is null)
        {
            return document;
        }

        var scope = new ExpressionScope(document, context ?? ExpressionScope.CurrentContext());
        if (!_inclusion)
        {
            return _root.ApplyExclusion(document, scope);
        }

        var result = _root.ApplyInclusion(document, scope);
        if (_includeId && document.TryGetValue("_id", out var id) && !_root.Children.ContainsKey("_id"))
        {
            result.InsertAt(0, new BsonElement("_id", id.DeepClone()));
        }

        return result;
    }

    internal static Projection Parse(BsonDocument? projection, bool isFind)
    {
        if (projection is null || projection.ElementCount == 0)
        {
            return isFind
                ? new Projection(null, true, true)
                : throw new MongoCommandError(51272, "Location51272",
                    "Invalid $project :: caused by :: projection specification must have at least one field");
        }

        var root = new ProjectionNode();
        bool? inclusion = null;
        var includeId = true;
        foreach (var element in projection)
        {
            var mode = AddField(root, element.Name, element.Value, isFind, ref includeId);
            if (mode is null)
            {
                continue;
            }

            if (inclusion is not null && inclusion != mode)
            {
                throw mode.Value
                    ? new MongoCommandError(31253, "Location31253",
                        $"Cannot do inclusion on field {element.Name} in exclusion projection")
                    : new MongoCommandError(31254, "Location31254",
                        $"Cannot do exclusion on field {element.Name} in inclusion projection");
            }

            inclusion = mode;
        }

        // Only _id listed (or only $slice): {_id: 0} is an exclusion, {_id: 1} an inclusion.
        inclusion ??= root.Children.TryGetValue("_id", out var id) ? id.Include == true : false;
        return new Projection(root, inclusion.Value, includeId);
    }

    /// <summary>Adds one field; returns true for inclusion, false for exclusion, null for neither.</summary>
    private static bool? AddField(
        ProjectionNode root, string path, BsonValue value, bool isFind, ref bool includeId)
    {
        var parts = FilterParser.SplitPath(path);
        if (parts.Any(p => p.StartsWith('$')))
        {
            throw MongoErrors.Unsupported($"positional projection '{path}'");
        }

        if (value is BsonDocument nested && !FilterParser.IsOperatorDocument(nested) && nested.ElementCount > 0)
        {
            bool? mode = null;
            foreach (var inner in nested)
            {
                mode = AddField(root, $"{path}.{inner.Name}", inner.Value, isFind, ref includeId) ?? mode;
            }

            return mode;
        }

        var parent = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            parent = parent.Child(parts[i], path);
        }

        var leaf = new ProjectionNode();
        bool? result;
        if (value is BsonBoolean || BsonOrder.IsNumber(value))
        {
            leaf.Include = ExpressionEvaluator.IsTruthy(value);
            result = path == "_id" ? null : leaf.Include;
            if (path == "_id")
            {
                includeId = leaf.Include.Value;
            }
        }
        else if (isFind && value is BsonDocument { ElementCount: 1 } op && op.GetElement(0).Name is "$slice")
        {
            leaf.Transform = ProjectionOperators.Slice(op[0]);
            result = null;
        }
        else if (isFind && value is BsonDocument { ElementCount: 1 } em && em.GetElement(0).Name is "$elemMatch")
        {
            leaf.Transform = ProjectionOperators.ElemMatch(em[0]);
            result = true;
        }
        else if (value is BsonDocument meta && meta.Contains("$meta"))
        {
            throw MongoErrors.Unsupported("$meta projections");
        }
        else
        {
            leaf.Computed = ExpressionEvaluator.Compile(value);
            result = true;
        }

        parent.AddLeaf(parts[^1], leaf, path);
        return result;
    }
}
