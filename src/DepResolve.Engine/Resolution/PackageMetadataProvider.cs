using System.Collections.Concurrent;
using DepResolve.Engine.Feeds;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Asks the feeds for package metadata on behalf of one resolution: each (feed, id) is requested at most once,
/// requests run concurrently up to a bound, and versions are merged by feed priority — a version comes from the
/// first feed in the list that has it.
/// </summary>
public sealed class PackageMetadataProvider
{
    private readonly IReadOnlyList<IPackageFeed> _feeds;
    private readonly NuGetFramework _targetFramework;
    private readonly SemaphoreSlim _throttle;
    private readonly Action<string>? _log;
    private readonly ConcurrentDictionary<(string Feed, string Id), Lazy<Task<IReadOnlyList<PackageMetadata>>>> _requests = new(FeedIdComparer.Instance);
    private int _requestCount;

    public PackageMetadataProvider(IReadOnlyList<IPackageFeed> feeds, NuGetFramework? targetFramework = null, int maxParallelism = 16, Action<string>? log = null)
    {
        if (feeds.Count == 0)
        {
            throw new ArgumentException("At least one feed is needed.", nameof(feeds));
        }

        _feeds = feeds;
        _targetFramework = targetFramework ?? DependencyGroupSelector.DefaultTargetFramework;
        _throttle = new SemaphoreSlim(Math.Max(1, maxParallelism));
        _log = log;
    }

    public IReadOnlyList<IPackageFeed> Feeds => _feeds;

    /// <summary>How many metadata requests went to feeds so far.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>
    /// Every version of <paramref name="id"/> on the feeds (only those named in <paramref name="feedNames"/> when it is
    /// not empty), merged by feed priority. Empty when no feed knows the id.
    /// </summary>
    public async Task<PackageVersions> GetVersionsAsync(string id, IReadOnlyList<string>? feedNames, CancellationToken cancellationToken)
    {
        var feeds = feedNames is { Count: > 0 }
            ? _feeds.Where(f => feedNames.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList()
            : _feeds.ToList();

        var answers = await Task.WhenAll(feeds.Select(f => GetFromFeedAsync(f, id, cancellationToken))).ConfigureAwait(false);

        var byVersion = new Dictionary<NuGetVersion, CandidateVersion>(VersionComparer.Default);
        for (var i = 0; i < feeds.Count; i++)
        {
            foreach (var metadata in answers[i])
            {
                if (!string.Equals(metadata.Id, id, StringComparison.OrdinalIgnoreCase) || byVersion.ContainsKey(metadata.Version))
                {
                    continue;
                }

                var stamped = string.IsNullOrEmpty(metadata.FeedName) ? metadata with { FeedName = feeds[i].Name } : metadata;
                byVersion[metadata.Version] = new CandidateVersion(stamped, DependencyGroupSelector.Select(stamped.DependencyGroups, _targetFramework));
            }
        }

        var ordered = byVersion.Values.OrderBy(c => c.Version, VersionComparer.Default).ToList();
        return new PackageVersions(id, ordered, feeds.Select(f => f.Name).ToList());
    }

    private Task<IReadOnlyList<PackageMetadata>> GetFromFeedAsync(IPackageFeed feed, string id, CancellationToken cancellationToken) =>
        _requests.GetOrAdd((feed.Name, id), key => new Lazy<Task<IReadOnlyList<PackageMetadata>>>(() => FetchAsync(feed, key.Id, cancellationToken))).Value;

    private async Task<IReadOnlyList<PackageMetadata>> FetchAsync(IPackageFeed feed, string id, CancellationToken cancellationToken)
    {
        await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref _requestCount);
            _log?.Invoke($"Asking {feed.Name} for the versions of {id}.");
            return await feed.GetAllMetadataAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _throttle.Release();
        }
    }

    private sealed class FeedIdComparer : IEqualityComparer<(string Feed, string Id)>
    {
        public static readonly FeedIdComparer Instance = new();

        public bool Equals((string Feed, string Id) x, (string Feed, string Id) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Feed, y.Feed) && StringComparer.OrdinalIgnoreCase.Equals(x.Id, y.Id);

        public int GetHashCode((string Feed, string Id) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Feed), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Id));
    }
}
