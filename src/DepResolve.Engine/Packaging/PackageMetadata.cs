using NuGet.Versioning;

namespace DepResolve.Engine.Packaging;

/// <summary>What a feed says about one package version, read from its nuspec or the feed's metadata.</summary>
internal sealed record PackageMetadata
{
    public required string Id { get; init; }

    public required NuGetVersion Version { get; init; }

    public IReadOnlyList<PackageDependencyGroup> DependencyGroups { get; init; } = Array.Empty<PackageDependencyGroup>();

    /// <summary>Tags, split on whitespace. PowerShell modules carry PSModule, PSCommand_X, PSFunction_X, PSCmdlet_X.</summary>
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();

    public bool IsListed { get; init; } = true;

    /// <summary>The SHA-512 of the .nupkg as the feed published it (base64), when the protocol carries one.</summary>
    public string? PublishedSha512 { get; init; }

    /// <summary>Size in bytes of the .nupkg, when known without downloading.</summary>
    public long? PackageSize { get; init; }

    public string? Description { get; init; }

    public string? Authors { get; init; }

    /// <summary>The <see cref="IPackageFeed.Name"/> of the feed that answered.</summary>
    public string FeedName { get; init; } = "";

    public bool IsPowerShellModule => Tags.Any(t => string.Equals(t, "PSModule", StringComparison.OrdinalIgnoreCase));
}
