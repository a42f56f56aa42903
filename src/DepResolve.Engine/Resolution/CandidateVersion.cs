using DepResolve.Engine.Feeds;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// One version of a package the resolver may choose: its metadata from the highest-priority feed that has it,
/// and the dependency group that applies to the target framework.
/// </summary>
public sealed class CandidateVersion
{
    public CandidateVersion(PackageMetadata metadata, IReadOnlyList<PackageDependency> dependencies)
    {
        Metadata = metadata;
        Dependencies = dependencies;
    }

    public PackageMetadata Metadata { get; }

    public string Id => Metadata.Id;

    public NuGetVersion Version => Metadata.Version;

    /// <summary>The name of the feed the package will come from.</summary>
    public string FeedName => Metadata.FeedName;

    public bool IsListed => Metadata.IsListed;

    /// <summary>The dependencies of the group chosen for the target framework.</summary>
    public IReadOnlyList<PackageDependency> Dependencies { get; }

    public override string ToString() => $"{Id} {RangeText.Format(Version)}";
}
