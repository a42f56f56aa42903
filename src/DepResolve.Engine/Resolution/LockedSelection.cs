using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// The Locked policy: exactly the lock file's versions, checked against today's requirements — the roots and the
/// dependencies the lock file recorded for each locked package. No feed is asked.
/// </summary>
internal static class LockedSelection
{
    /// <param name="unused">Set to the locked ids nothing requires any more, in order.</param>
    public static IReadOnlyList<ResolvedNode> Select(LockFile lockFile, IReadOnlyList<PackageRequirement> roots, bool allowPrerelease, out IReadOnlyList<string> unused)
    {
        var where = lockFile.Describe();
        var paths = new DependencyPaths(roots, id => lockFile.Packages.TryGetValue(id, out var p) ? new ChosenNode(p.Id, p.Version, p.Dependencies) : null);

        void Check(string id, VersionRange range, bool allowPrereleaseHere, string requirementPath)
        {
            if (!lockFile.Packages.TryGetValue(id, out var locked))
            {
                throw new DepResolveException(
                    ErrorCode.VersionConflict,
                    $"The lock file {where} has no entry for {id}, required by {requirementPath}. Resolve without locked mode to update the lock file, or with UpdateLock to resolve every package again.",
                    id);
            }

            if (!VersionAdmission.Accepts(range, allowPrereleaseHere, locked.Version))
            {
                throw new DepResolveException(
                    ErrorCode.VersionConflict,
                    $"The lock file {where} entry {locked.Id} {RangeText.Format(locked.Version)} does not satisfy {requirementPath}. Resolve without locked mode to update the lock file, or with UpdateLock to resolve every package again.",
                    $"{locked.Id} {RangeText.Format(locked.Version)}");
            }
        }

        foreach (var root in roots)
        {
            var edge = RequirementEdge.ForRoot(root, allowPrerelease);
            Check(root.Id, root.Range, edge.AllowPrerelease, paths.EdgePath(edge));
        }

        foreach (var id in paths.Reachable)
        {
            var package = lockFile.Packages[id];
            foreach (var dependency in package.Dependencies)
            {
                var requirementPath = paths.NodePath(id) + DependencyPaths.Arrow + $"{dependency.Id} {RangeText.Describe(dependency.Range)}";
                Check(dependency.Id, dependency.Range, allowPrerelease, requirementPath);
            }
        }

        unused = lockFile.Packages.Keys.Where(id => !paths.IsReachable(id)).OrderBy(id => id, StringComparer.OrdinalIgnoreCase).ToList();

        return paths.Reachable
            .Select(id => lockFile.Packages[id])
            .Select(p => new ResolvedNode
            {
                Id = p.Id,
                Version = p.Version,
                FeedName = p.Source,
                Sha512 = p.Sha512,
                Dependencies = p.Dependencies,
                Reason = paths.Reason(p.Id),
                IsPowerShellModule = roots.Any(r => r.AsModule && string.Equals(r.Id, p.Id, StringComparison.OrdinalIgnoreCase)),
            })
            .ToList();
    }
}
