using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Go's minimal version selection: walk the graph taking, for every requirement, the lowest version it accepts;
/// each id then gets the highest of those minimums over every version reached (including versions a higher
/// minimum later replaced). Finally only what the chosen versions need is kept.
/// </summary>
internal static class MinimalVersionSelection
{
    /// <summary>Null when some requirement accepts no version at all (the search then explains why).</summary>
    public static Dictionary<string, CandidateVersion>? Select(PackageCatalog catalog, IReadOnlyList<PackageRequirement> roots, bool allowPrerelease)
    {
        var visited = new HashSet<(string Id, NuGetVersion Version)>(new NodeComparer());
        var highest = new Dictionary<string, CandidateVersion>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<CandidateVersion>();

        bool Visit(RequirementEdge edge)
        {
            var minimum = catalog.Get(edge.Id).Versions.FirstOrDefault(edge.Accepts);
            if (minimum is null)
            {
                return false;
            }

            if (visited.Add((minimum.Id, minimum.Version)))
            {
                queue.Enqueue(minimum);
                if (!highest.TryGetValue(edge.Id, out var current) || minimum.Version > current.Version)
                {
                    highest[edge.Id] = minimum;
                }
            }

            return true;
        }

        if (!roots.All(r => Visit(RequirementEdge.ForRoot(r, allowPrerelease))))
        {
            return null;
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var dependency in node.Dependencies)
            {
                if (!Visit(RequirementEdge.ForDependency(node, dependency.Id, dependency.Range, allowPrerelease)))
                {
                    return null;
                }
            }
        }

        var needed = new DependencyPaths(roots, id => highest.TryGetValue(id, out var c) ? new ChosenNode(c.Id, c.Version, c.Dependencies) : null);
        return needed.Reachable.ToDictionary(id => id, id => highest[id], StringComparer.OrdinalIgnoreCase);
    }

    private sealed class NodeComparer : IEqualityComparer<(string Id, NuGetVersion Version)>
    {
        public bool Equals((string Id, NuGetVersion Version) x, (string Id, NuGetVersion Version) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Id, y.Id) && VersionComparer.Default.Equals(x.Version, y.Version);

        public int GetHashCode((string Id, NuGetVersion Version) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Id), VersionComparer.Default.GetHashCode(obj.Version));
    }
}
