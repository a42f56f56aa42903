using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>One chosen package version, engine-side (NuGet types); <see cref="ResolutionOutcome.ToResult"/> turns it into strings.</summary>
internal sealed record ResolvedNode
{
    public required string Id { get; init; }

    public required NuGetVersion Version { get; init; }

    /// <summary>The name of the feed to download it from.</summary>
    public required string FeedName { get; init; }

    /// <summary>The SHA-512 (base64) the feed published, or the lock file's; null when neither is known.</summary>
    public string? Sha512 { get; init; }

    public IReadOnlyList<PackageDependency> Dependencies { get; init; } = Array.Empty<PackageDependency>();

    /// <summary>The path from a root to the requirement that brought it in.</summary>
    public required string Reason { get; init; }

    public bool IsPowerShellModule { get; init; }

    public long? Size { get; init; }

    /// <summary>The feed's metadata; null when the version came from a lock file without asking a feed.</summary>
    public PackageMetadata? Metadata { get; init; }

    public override string ToString() => $"{Id} {RangeText.Format(Version)}";
}
