using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Shortest paths from the roots through a set of chosen package versions, printed the way conflicts and
/// reasons show them: <c>deploy.ps1 -> Az.Compute 7.1.0 -> Az.Accounts [3.0.0, )</c>.
/// </summary>
internal sealed class DependencyPaths
{
    public const string Arrow = " -> ";

    private readonly Func<string, ChosenNode?> _lookup;
    private readonly Dictionary<string, Step> _steps = new(StringComparer.OrdinalIgnoreCase);

    public DependencyPaths(IEnumerable<PackageRequirement> roots, Func<string, ChosenNode?> lookup)
    {
        _lookup = lookup;
        var queue = new Queue<string>();
        foreach (var root in roots)
        {
            if (!_steps.ContainsKey(root.Id) && lookup(root.Id) is not null)
            {
                _steps[root.Id] = new Step(null, root, root.Id, root.Range);
                queue.Enqueue(root.Id);
            }
        }

        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var dependency in lookup(id)!.Value.Dependencies)
            {
                if (!_steps.ContainsKey(dependency.Id) && lookup(dependency.Id) is not null)
                {
                    _steps[dependency.Id] = new Step(id, null, dependency.Id, dependency.Range);
                    queue.Enqueue(dependency.Id);
                }
            }
        }
    }

    /// <summary>The ids reachable from the roots through the chosen versions.</summary>
    public IReadOnlyCollection<string> Reachable => _steps.Keys;

    public bool IsReachable(string id) => _steps.ContainsKey(id);

    /// <summary>"deploy.ps1 -> Az.Compute 7.1.0": the chosen nodes from a root down to <paramref name="id"/>.</summary>
    public string NodePath(string id)
    {
        var labels = new List<string>();
        PackageRequirement? root = null;
        var current = id;
        while (current is not null && _steps.TryGetValue(current, out var step))
        {
            var node = _lookup(current)!.Value;
            labels.Add($"{node.Id} {RangeText.Format(node.Version)}");
            root = step.Root;
            current = step.ParentId;
            if (labels.Count > _steps.Count)
            {
                break;
            }
        }

        if (!string.IsNullOrEmpty(root?.RequestedBy))
        {
            labels.Add(root.RequestedBy);
        }

        labels.Reverse();
        return string.Join(Arrow, labels);
    }

    /// <summary>The ids on the path from a root down to <paramref name="id"/>, root first.</summary>
    public IReadOnlyList<string> PathIds(string id)
    {
        var ids = new List<string>();
        var current = id;
        while (current is not null && _steps.TryGetValue(current, out var step) && ids.Count <= _steps.Count)
        {
            ids.Add(current);
            current = step.ParentId;
        }

        ids.Reverse();
        return ids;
    }

    /// <summary>Why <paramref name="id"/> is in the set: the path to the first requirement that reached it.</summary>
    public string Reason(string id)
    {
        var step = _steps[id];
        return step.ParentId is null
            ? RootPrefix(step.Root) + $"{step.EdgeId} {RangeText.Describe(step.Range)}"
            : NodePath(step.ParentId) + Arrow + $"{step.EdgeId} {RangeText.Describe(step.Range)}";
    }

    public string EdgePath(RequirementEdge edge) =>
        edge.Parent is null
            ? RootPrefix(edge.Root) + $"{edge.Id} {RangeText.Format(edge.Range)}"
            : NodePath(edge.Parent.Id) + Arrow + $"{edge.Id} {RangeText.Format(edge.Range)}";

    private static string RootPrefix(PackageRequirement? root) =>
        string.IsNullOrEmpty(root?.RequestedBy) ? "" : root.RequestedBy + Arrow;

    private sealed record Step(string? ParentId, PackageRequirement? Root, string EdgeId, VersionRange Range);
}

/// <summary>A chosen package version as path finding sees it.</summary>
internal readonly record struct ChosenNode(string Id, NuGetVersion Version, IReadOnlyList<PackageDependency> Dependencies);
