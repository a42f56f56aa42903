using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// One chosen package version, engine-side (NuGet types): what the resolver hands the installer, the prefetcher and
/// the lock file. <see cref="ToResolvedPackage"/> gives the public, string-only <see cref="ResolvedPackage"/>;
/// <see cref="FromResolvedPackage"/> reads one back where only that shape exists (a cached resolution, a file).
/// </summary>
internal sealed record ResolvedNode
{
    public required string Id { get; init; }

    public required NuGetVersion Version { get; init; }

    /// <summary>The name of the feed to download it from; empty for the first feed.</summary>
    public required string FeedName { get; init; }

    /// <summary>The SHA-512 (base64) the feed published, or the lock file's; null when neither is known.</summary>
    public string? Sha512 { get; init; }

    public IReadOnlyList<PackageDependency> Dependencies { get; init; } = Array.Empty<PackageDependency>();

    /// <summary>The path from a root to the requirement that brought it in; empty for a choice proposed while resolving.</summary>
    public string Reason { get; init; } = "";

    public bool IsPowerShellModule { get; init; }

    public long? Size { get; init; }

    /// <summary>The feed's metadata; null when the version came from a lock file without asking a feed.</summary>
    public PackageMetadata? Metadata { get; init; }

    public ResolvedPackage ToResolvedPackage() => new()
    {
        Id = Id,
        Version = RangeText.Format(Version),
        Source = FeedName,
        Sha512 = Sha512,
        IsPowerShellModule = IsPowerShellModule,
        Dependencies = Dependencies
            .Select(d => $"{d.Id} {RangeText.Format(d.Range)}")
            .OrderBy(d => d, StringComparer.OrdinalIgnoreCase)
            .ToList(),
        Reason = Reason,
        Size = Size,
    };

    /// <summary>The engine-side form of a package read back as strings; InvalidInput names a version or range that does not parse.</summary>
    public static ResolvedNode FromResolvedPackage(ResolvedPackage package) => FromResolvedPackage(package, new ParsedRanges());

    /// <summary>As <see cref="FromResolvedPackage(ResolvedPackage)"/>, sharing <paramref name="ranges"/> with the other packages of one result.</summary>
    public static ResolvedNode FromResolvedPackage(ResolvedPackage package, ParsedRanges ranges)
    {
        var dependencies = new List<PackageDependency>(package.Dependencies.Count);
        foreach (var dependency in package.Dependencies)
        {
            dependencies.Add(ParseDependency(dependency, ranges, package));
        }

        return new ResolvedNode
        {
            Id = package.Id,
            Version = !string.IsNullOrWhiteSpace(package.Version) && NuGetVersion.TryParse(package.Version.Trim(), out var version)
                ? version
                : VersionRangeParser.ParseVersion(package.Version, OriginOf(package)),
            FeedName = package.Source,
            Sha512 = package.Sha512,
            Dependencies = dependencies,
            Reason = package.Reason,
            IsPowerShellModule = package.IsPowerShellModule,
            Size = package.Size,
        };
    }

    public override string ToString() => $"{Id} {RangeText.Format(Version)}";

    /// <summary>"Id [1.0.0, )" as <see cref="ResolvedPackage.Dependencies"/> holds it.</summary>
    private static PackageDependency ParseDependency(string text, ParsedRanges ranges, ResolvedPackage owner)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return new PackageDependency(text, VersionRange.All);
        }

        var rangeText = text[(space + 1)..];
        var range = ranges.TryParse(rangeText, out var parsed) ? parsed : VersionRangeParser.Parse(rangeText, OriginOf(owner));
        return new PackageDependency(text[..space], range);
    }

    /// <summary>How an error names the package; made only for one, not once per package read.</summary>
    private static string OriginOf(ResolvedPackage package) => $"the resolved package {package.Id} {package.Version}";
}
