using DepResolve.Engine.Feeds;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>Counts every call that would be a network request on a remote feed.</summary>
internal sealed class CountingFeed : IPackageFeed
{
    private readonly IPackageFeed _inner;
    private int _requests;
    private int _downloads;

    public CountingFeed(IPackageFeed inner) => _inner = inner;

    public int Requests => _requests;

    public int Downloads => _downloads;

    public string Name => _inner.Name;

    public string Source => _inner.Source;

    public bool SupportsTagSearch => _inner.SupportsTagSearch;

    public Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return _inner.ListVersionsAsync(id, cancellationToken);
    }

    public Task<IReadOnlyList<PackageMetadata>> GetAllMetadataAsync(string id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return _inner.GetAllMetadataAsync(id, cancellationToken);
    }

    public Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return _inner.GetMetadataAsync(id, version, cancellationToken);
    }

    public Task<DownloadedPackage> DownloadAsync(string id, NuGetVersion version, string destinationFile, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _downloads);
        return _inner.DownloadAsync(id, version, destinationFile, cancellationToken);
    }

    public Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return _inner.SearchByTagAsync(tag, includePrerelease, cancellationToken);
    }
}
