using DepResolve.Engine.Model;

namespace DepResolve.Engine.Resolution;

/// <summary>Checks a complete choice (one version per id) against every requirement, and for cycles.</summary>
internal static class SelectionCheck
{
    /// <summary>Null when every requirement holds and the graph has no cycle; otherwise what breaks, as a path.</summary>
    public static string? FindViolation(IReadOnlyList<PackageRequirement> roots, IReadOnlyDictionary<string, CandidateVersion> chosen, bool allowPrerelease)
    {
        var paths = new DependencyPaths(roots, id => chosen.TryGetValue(id, out var c) ? new ChosenNode(c.Id, c.Version, c.Dependencies) : null);
        foreach (var root in roots)
        {
            var edge = RequirementEdge.ForRoot(root, allowPrerelease);
            if (!chosen.TryGetValue(root.Id, out var c) || !edge.Accepts(c))
            {
                return paths.EdgePath(edge);
            }
        }

        foreach (var id in paths.Reachable)
        {
            var parent = chosen[id];
            foreach (var dependency in parent.Dependencies)
            {
                var edge = RequirementEdge.ForDependency(parent, dependency.Id, dependency.Range, allowPrerelease);
                if (!chosen.TryGetValue(dependency.Id, out var c) || !edge.Accepts(c))
                {
                    return paths.EdgePath(edge);
                }
            }
        }

        return FindCycle(paths, chosen);
    }

    private static string? FindCycle(DependencyPaths paths, IReadOnlyDictionary<string, CandidateVersion> chosen)
    {
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false: on the stack, true: done

        string? Visit(string id)
        {
            state[id] = false;
            foreach (var dependency in chosen[id].Dependencies)
            {
                if (!state.TryGetValue(dependency.Id, out var done))
                {
                    var found = Visit(dependency.Id);
                    if (found is not null)
                    {
                        return found;
                    }
                }
                else if (!done)
                {
                    return paths.NodePath(id) + DependencyPaths.Arrow + $"{dependency.Id} {RangeText.Format(dependency.Range)}";
                }
            }

            state[id] = true;
            return null;
        }

        foreach (var id in paths.Reachable)
        {
            if (!state.ContainsKey(id) && Visit(id) is { } cycle)
            {
                return "dependency cycle " + cycle;
            }
        }

        return null;
    }
}
