using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Resolution.Locking;

/// <summary>Builds a lock file from what was resolved and installed.</summary>
internal static class LockFileFactory
{
    /// <summary>
    /// A lock file for a resolved set. <paramref name="installedSha512"/> gives, per package id, the SHA-512 (base64)
    /// of the .nupkg actually installed; a package missing from it falls back to the hash the resolution carries
    /// (published by the feed, or from the previous lock file), and having neither is an error.
    /// </summary>
    /// <param name="resolvedWith">The policy that chose the versions.</param>
    /// <param name="repositories">The feeds, in priority order; only name and source are written, never credentials.</param>
    /// <param name="policy">The policy to record; default: <paramref name="resolvedWith"/> (a Locked resolution keeps <paramref name="previous"/>'s).</param>
    public static LockFile Create(
        IReadOnlyList<ResolvedNode> packages,
        ResolutionPolicy resolvedWith,
        IReadOnlyDictionary<string, string> installedSha512,
        IEnumerable<RepositorySettings> repositories,
        ResolutionPolicy? policy = null,
        LockFile? previous = null,
        IEnumerable<string>? revealed = null)
    {
        var hashes = new Dictionary<string, string>(installedSha512, StringComparer.OrdinalIgnoreCase);
        var locked = packages.Select(p =>
        {
            var sha512 = hashes.TryGetValue(p.Id, out var installed) && !string.IsNullOrWhiteSpace(installed) ? installed : p.Sha512;
            if (string.IsNullOrWhiteSpace(sha512))
            {
                throw new DepResolveException(ErrorCode.InvalidInput, $"No SHA-512 is known for {p}: install it before writing the lock file.", p.ToString());
            }

            // In the order ResolvedPackage lists them, so a fresh and a cached resolution lock alike.
            var dependencies = InListedOrder(p.Dependencies)
                ? p.Dependencies.ToList()
                : p.Dependencies.OrderBy(d => $"{d.Id} {RangeText.Format(d.Range)}", StringComparer.OrdinalIgnoreCase).ToList();
            return new LockedPackage(p.Id, p.Version, p.FeedName, sha512, dependencies);
        });

        var recorded = policy ?? resolvedWith;
        if (recorded == ResolutionPolicy.Locked && previous is not null)
        {
            recorded = previous.Policy;
        }

        var lockedRepositories = repositories.Select(r => new LockedRepository(r.Name, WithoutCredentials(r.Source))).ToList();
        var resolvedIds = packages.Select(p => p.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new LockFile(recorded, lockedRepositories, locked.ToList(), revealed: (revealed ?? []).Where(resolvedIds.Contains));
    }

    /// <summary>
    /// Whether the dependencies are already in the order "id range" sorts them (ignoring case) — as a cached resolution
    /// lists them — found without spelling a key per dependency. While no id holds a space or a character before it,
    /// "id range" keys order as the ids do, ranges deciding only between ids equal ignoring case.
    /// </summary>
    private static bool InListedOrder(IReadOnlyList<Packaging.PackageDependency> dependencies)
    {
        for (var i = 0; i < dependencies.Count; i++)
        {
            if (dependencies[i].Id.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0)
            {
                return false;
            }
        }

        for (var i = 1; i < dependencies.Count; i++)
        {
            var byId = string.Compare(dependencies[i - 1].Id, dependencies[i].Id, StringComparison.OrdinalIgnoreCase);
            if (byId > 0 || (byId == 0 && string.Compare(RangeText.Format(dependencies[i - 1].Range), RangeText.Format(dependencies[i].Range), StringComparison.OrdinalIgnoreCase) > 0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drops user:password@ from a URL; folders and plain URLs pass unchanged.</summary>
    public static string WithoutCredentials(string source) => Feeds.Http.SafeUrl.Redact(source);
}
