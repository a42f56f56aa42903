using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// One version of a package the resolver may choose: its metadata from the highest-priority feed that has it,
/// and the dependency group that applies to the target framework. A version listed by a feed that reads
/// dependencies one version at a time starts without them (<see cref="HasDependencies"/> false) and gets them
/// only when the resolver considers it (<see cref="Complete"/>).
/// </summary>
internal sealed class CandidateVersion
{
    private IReadOnlyList<PackageDependency>? _dependencies;

    public CandidateVersion(PackageMetadata metadata, IReadOnlyList<PackageDependency> dependencies)
    {
        Metadata = metadata;
        _dependencies = dependencies;
    }

    private CandidateVersion(PackageMetadata listed)
    {
        Metadata = listed;
    }

    /// <summary>A version known only from a feed's version list: its dependencies are read when it is considered.</summary>
    public static CandidateVersion Listed(PackageMetadata listed) => new(listed);

    public PackageMetadata Metadata { get; private set; }

    public string Id => Metadata.Id;

    public NuGetVersion Version => Metadata.Version;

    /// <summary>The name of the feed the package will come from.</summary>
    public string FeedName => Metadata.FeedName;

    public bool IsListed => Metadata.IsListed;

    /// <summary>Whether the dependencies were read; false for a version known only from a version list.</summary>
    public bool HasDependencies => Volatile.Read(ref _dependencies) is not null;

    /// <summary>The dependencies of the group chosen for the target framework.</summary>
    public IReadOnlyList<PackageDependency> Dependencies =>
        Volatile.Read(ref _dependencies) ?? throw new MetadataNeededException(this);

    /// <summary>Gives a listed version the metadata read for it (once; later calls change nothing).</summary>
    internal void Complete(PackageMetadata metadata, IReadOnlyList<PackageDependency> dependencies)
    {
        if (HasDependencies)
        {
            return;
        }

        Metadata = metadata with { IsListed = Metadata.IsListed && metadata.IsListed, FeedName = string.IsNullOrEmpty(metadata.FeedName) ? Metadata.FeedName : metadata.FeedName };
        Volatile.Write(ref _dependencies, dependencies);
    }

    public override string ToString() => $"{Id} {RangeText.Format(Version)}";
}
