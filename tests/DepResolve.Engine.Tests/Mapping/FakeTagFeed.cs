using System.Collections.Concurrent;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Mapping;

/// <summary>
/// An in-memory feed for mapper tests: packages with versions and tags. Tag search behaves like the gallery's v2
/// query (a substring match on the tags, newest version of each package returned), and counts its calls.
/// </summary>
internal sealed class FakeTagFeed : IPackageFeed
{
    private readonly List<PackageMetadata> packages = [];

    public FakeTagFeed(string name, bool supportsTagSearch = true)
    {
        Name = name;
        SupportsTagSearch = supportsTagSearch;
    }

    public string Name { get; }

    public string Source => "memory://" + Name;

    public bool SupportsTagSearch { get; }

    public ConcurrentBag<string> TagSearches { get; } = [];

    public ConcurrentBag<string> VersionLookups { get; } = [];

    /// <summary>When set, tag search hits come back without tags (as some servers answer), forcing a metadata lookup.</summary>
    public bool SearchOmitsTags { get; init; }

    public FakeTagFeed Add(string id, string version, params string[] tags)
    {
        packages.Add(new PackageMetadata { Id = id, Version = NuGetVersion.Parse(version), Tags = tags, FeedName = Name });
        return this;
    }

    public FakeTagFeed Module(string id, string version, params string[] commands) =>
        Add(id, version, ["PSModule", .. commands.Select(c => "PSCommand_" + c), .. commands.Select(c => "PSFunction_" + c)]);

    public Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        VersionLookups.Add(id);
        IReadOnlyList<FeedVersion> versions = Of(id).Select(p => new FeedVersion(p.Version, p.IsListed)).ToList();
        return Task.FromResult(versions);
    }

    public Task<IReadOnlyList<PackageMetadata>> GetAllMetadataAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PackageMetadata>>(Of(id).ToList());

    public Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken) =>
        Task.FromResult(Of(id).FirstOrDefault(p => p.Version == version));

    public Task<DownloadedPackage> DownloadAsync(string id, NuGetVersion version, string destinationFile, CancellationToken cancellationToken) =>
        throw new DepResolveException(ErrorCode.PackageNotFound, $"{Name} holds metadata only; it cannot download {id} {version}.", id);

    public Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken)
    {
        TagSearches.Add(tag);
        IReadOnlyList<PackageMetadata> hits = packages
            .GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Any(p => p.Tags.Any(t => t.Contains(tag, StringComparison.OrdinalIgnoreCase))))
            .Select(g => g.MaxBy(p => p.Version)!)
            .Select(p => SearchOmitsTags ? p with { Tags = [] } : p)
            .ToList();
        return Task.FromResult(hits);
    }

    private IEnumerable<PackageMetadata> Of(string id) => packages.Where(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
