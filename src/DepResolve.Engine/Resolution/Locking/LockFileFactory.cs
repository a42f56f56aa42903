using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution.Locking;

/// <summary>Builds a lock file from what was resolved and installed.</summary>
internal static class LockFileFactory
{
    /// <summary>
    /// A lock file for a successful resolution. <paramref name="installedSha512"/> gives, per package id, the SHA-512
    /// (base64) of the .nupkg actually installed; a package missing from it falls back to the hash the resolution
    /// carries (published by the feed, or from the previous lock file), and having neither is an error.
    /// </summary>
    /// <param name="repositories">The feeds, in priority order; only name and source are written, never credentials.</param>
    /// <param name="policy">The policy to record; default: the result's policy (a Locked result keeps <paramref name="previous"/>'s).</param>
    public static LockFile Create(
        ResolutionResult result,
        IReadOnlyDictionary<string, string> installedSha512,
        IEnumerable<RepositorySettings> repositories,
        ResolutionPolicy? policy = null,
        LockFile? previous = null,
        IEnumerable<string>? revealed = null)
    {
        if (!result.Success)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, "A lock file can only be written for a successful resolution.");
        }

        var hashes = new Dictionary<string, string>(installedSha512, StringComparer.OrdinalIgnoreCase);
        var packages = result.ResolvedPackages.Select(p =>
        {
            var sha512 = hashes.TryGetValue(p.Id, out var installed) && !string.IsNullOrWhiteSpace(installed) ? installed : p.Sha512;
            if (string.IsNullOrWhiteSpace(sha512))
            {
                throw new DepResolveException(ErrorCode.InvalidInput, $"No SHA-512 is known for {p.Id} {p.Version}: install it before writing the lock file.", $"{p.Id} {p.Version}");
            }

            var origin = $"the resolved package {p.Id} {p.Version}";
            var dependencies = p.Dependencies.Select(d => ParseDependency(d, origin)).ToList();
            return new LockedPackage(p.Id, VersionRangeParser.ParseVersion(p.Version, origin), p.Source, sha512, dependencies);
        });

        var recorded = policy
            ?? (Enum.TryParse<ResolutionPolicy>(result.Policy, ignoreCase: true, out var parsed) ? parsed : ResolutionPolicy.Highest);
        if (recorded == ResolutionPolicy.Locked && previous is not null)
        {
            recorded = previous.Policy;
        }

        var locked = repositories.Select(r => new LockedRepository(r.Name, WithoutCredentials(r.Source))).ToList();
        var resolvedIds = result.ResolvedPackages.Select(p => p.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new LockFile(recorded, locked, packages.ToList(), revealed: (revealed ?? []).Where(resolvedIds.Contains));
    }

    /// <summary>"Id [1.0.0, )" as <see cref="ResolvedPackage.Dependencies"/> holds it.</summary>
    private static PackageDependency ParseDependency(string text, string origin)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var id = space < 0 ? text : text[..space];
        var range = space < 0 ? VersionRange.All : VersionRangeParser.Parse(text[(space + 1)..], origin);
        return new PackageDependency(id, range);
    }

    /// <summary>Drops user:password@ from a URL; folders and plain URLs pass unchanged.</summary>
    public static string WithoutCredentials(string source) => Feeds.Http.SafeUrl.Redact(source);
}
