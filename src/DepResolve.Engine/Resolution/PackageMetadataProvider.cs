using System.Collections.Concurrent;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Asks the feeds for package metadata on behalf of one resolution: each (feed, id) is requested at most once,
/// requests run concurrently up to a bound, and each id is taken from one source only (see <see cref="GetVersionsAsync"/>):
/// versions are never pooled across feeds, so a public feed cannot shadow a private id with a higher version.
/// A feed that fails is skipped with a warning naming it; a feed that cannot be reached is not asked again.
/// </summary>
internal sealed class PackageMetadataProvider
{
    private readonly IReadOnlyList<IPackageFeed> _feeds;
    private readonly NuGetFramework _targetFramework;
    private readonly SemaphoreSlim _throttle;
    private readonly Action<string>? _log;
    private readonly PackageSourceMapping _sourceMapping;
    private readonly IReadOnlyDictionary<string, string> _lockedSources;
    private readonly LibraryFeeds? _libraryFeeds;
    private readonly Action<int, int>? _progress;
    private readonly ConcurrentDictionary<(string Feed, string Id), Lazy<Task<FeedAnswer>>> _requests = new(FeedIdComparer.Instance);
    private readonly ConcurrentDictionary<CandidateVersion, Lazy<Task>> _completions = new();
    private readonly ConcurrentDictionary<string, DepResolveException> _unreachable = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly ConcurrentQueue<string> _abandoned = new();
    private int _requestCount;
    private int _answeredCount;

    /// <param name="feeds">In priority order.</param>
    /// <param name="sourceMapping">Which ids each feed may supply; none: the first feed that has an id supplies it.</param>
    /// <param name="lockedSources">Id to the feed a lock file took it from: kept there while that feed may supply it.</param>
    /// <param name="libraryFeeds">Which feeds are NuGet.Config sources and the ids they may supply; null: every feed may supply every id.</param>
    /// <param name="progress">Called from any thread with (answered, asked) metadata requests as requests go out and answers come back.</param>
    public PackageMetadataProvider(
        IReadOnlyList<IPackageFeed> feeds,
        NuGetFramework? targetFramework = null,
        int maxParallelism = Configuration.DepResolveOptions.DefaultMaxParallelism,
        Action<string>? log = null,
        PackageSourceMapping? sourceMapping = null,
        IReadOnlyDictionary<string, string>? lockedSources = null,
        LibraryFeeds? libraryFeeds = null,
        Action<int, int>? progress = null)
    {
        if (feeds.Count == 0)
        {
            throw new ArgumentException("At least one feed is needed.", nameof(feeds));
        }

        _feeds = feeds;
        _targetFramework = targetFramework ?? DependencyGroupSelector.DefaultTargetFramework;
        _throttle = new SemaphoreSlim(Math.Max(1, maxParallelism));
        _log = log;
        _sourceMapping = sourceMapping ?? PackageSourceMapping.None;
        _lockedSources = lockedSources ?? new Dictionary<string, string>();
        _libraryFeeds = libraryFeeds;
        _progress = progress;
    }

    public IReadOnlyList<IPackageFeed> Feeds => _feeds;

    /// <summary>How many metadata requests went to feeds so far.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>URLs (without credentials) of requests that were cancelled before they answered, first first.</summary>
    public IReadOnlyList<string> AbandonedUrls => _abandoned.ToArray();

    /// <summary>One warning per feed failure met so far (naming the feed); empty when every feed asked answered.</summary>
    public IReadOnlyList<string> FeedWarnings => _warnings.ToArray();

    /// <summary>
    /// The versions of <paramref name="id"/> from the one source it is taken from (only feeds named in
    /// <paramref name="feedNames"/> when it is not empty): with a package source mapping, only the feeds its most
    /// specific matching pattern names; an id a lock file took from a feed, that feed; otherwise the first feed in
    /// priority order that has any version of it. Feeds are asked in priority order and the first that has the id
    /// ends the search. A feed that fails is skipped with a warning; when no feed that answered has the id and some
    /// feed could not be asked, this throws that feed's error (NetworkError naming its URL for a dead repository).
    /// Empty when no feed has the id.
    /// </summary>
    public async Task<PackageVersions> GetVersionsAsync(string id, IReadOnlyList<string>? feedNames, CancellationToken cancellationToken)
    {
        var feeds = feedNames is { Count: > 0 }
            ? _feeds.Where(f => feedNames.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList()
            : _feeds.ToList();
        var rule = "the first feed in priority order that has it; an id found on a feed is taken only from that feed";

        if (_libraryFeeds is not null)
        {
            var (allowed, libraryRule) = _libraryFeeds.Filter(id, feeds);
            if (allowed.Count == 0)
            {
                var explanation = libraryRule is null
                    ? "Only NuGet.Config sources could be asked, and they supply .NET library packages only (#r \"nuget: …\", Add-Type, assemblies), not modules."
                    : $"{libraryRule}, and no such feed is configured.";
                _log?.Invoke($"{id}: {explanation}");
                return new PackageVersions(id, Array.Empty<CandidateVersion>(), Array.Empty<string>(), explanation: explanation);
            }

            feeds = allowed.ToList();
            rule = libraryRule is null ? rule : $"{libraryRule}; {rule}";
        }

        if (_sourceMapping.Match(id) is { } match)
        {
            feeds = feeds.Where(f => match.Sources.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            if (feeds.Count == 0)
            {
                var explanation = match.Pattern is null
                    ? "No packageSourceMapping pattern matches it, so no feed may supply it: map it to a source."
                    : $"packageSourceMapping pattern '{match.Pattern}' maps it to {string.Join(", ", match.Sources)}, and no such feed is configured{(feedNames is { Count: > 0 } ? " for this requirement" : "")}.";
                _log?.Invoke($"{id}: {explanation}");
                return new PackageVersions(id, Array.Empty<CandidateVersion>(), Array.Empty<string>(), explanation: explanation);
            }

            rule = $"packageSourceMapping pattern '{match.Pattern}' maps it to {string.Join(", ", match.Sources)}";
        }

        if (_lockedSources.TryGetValue(id, out var lockedSource) && feeds.FirstOrDefault(f => f.Name.Equals(lockedSource, StringComparison.OrdinalIgnoreCase)) is { } lockedFeed)
        {
            feeds = [lockedFeed];
            rule = $"the lock file took it from {lockedFeed.Name}; a locked id never switches source";
        }

        var asked = new List<string>();
        var failures = new List<(IPackageFeed Feed, DepResolveException Error)>();
        foreach (var feed in feeds)
        {
            FeedAnswer answer;
            if (_unreachable.TryGetValue(feed.Name, out var unreachable))
            {
                failures.Add((feed, unreachable));
                continue;
            }

            try
            {
                answer = await GetFromFeedAsync(feed, id, cancellationToken).ConfigureAwait(false);
            }
            catch (DepResolveException error) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add((feed, error));
                Fail(feed, id, error);
                continue;
            }

            asked.Add(feed.Name);
            var byVersion = new Dictionary<NuGetVersion, CandidateVersion>(VersionComparer.Default);
            foreach (var metadata in answer.Metadata)
            {
                if (string.Equals(metadata.Id, id, StringComparison.OrdinalIgnoreCase) && !byVersion.ContainsKey(metadata.Version))
                {
                    var stamped = string.IsNullOrEmpty(metadata.FeedName) ? metadata with { FeedName = feed.Name } : metadata;
                    byVersion[metadata.Version] = answer.DependenciesPending
                        ? CandidateVersion.Listed(stamped)
                        : new CandidateVersion(stamped, DependencyGroupSelector.Select(stamped.DependencyGroups, _targetFramework));
                }
            }

            if (byVersion.Count > 0)
            {
                var skipped = failures.Count == 0 ? "" : $" ({string.Join(", ", failures.Select(f => f.Feed.Name))} could not be asked)";
                _log?.Invoke($"{id}: taken from {feed.Name}{skipped}: {rule}.");
                var found = new PackageVersions(id, byVersion.Values.OrderBy(c => c.Version, VersionComparer.Default).ToList(), asked, feed.Name);
                _libraryFeeds?.Arrived(found);
                return found;
            }
        }

        if (failures.Count > 0)
        {
            var (failedFeed, first) = failures[0];
            var notFound = asked.Count == 0 ? "" : $"it is not on {string.Join(", ", asked)}, and ";
            throw new DepResolveException(
                first.Code,
                $"{id} could not be looked up: {notFound}{string.Join(", ", failures.Select(f => $"{f.Feed.Name} ({SafeUrl.Redact(f.Feed.Source)})"))} could not be asked. {first.Message}",
                first.Target ?? SafeUrl.Redact(failedFeed.Source),
                first);
        }

        return new PackageVersions(id, Array.Empty<CandidateVersion>(), asked);
    }

    /// <summary>Records a feed failure once as a warning; a feed that cannot be reached at all is not asked again.</summary>
    private void Fail(IPackageFeed feed, string id, DepResolveException error)
    {
        var unreachable = error.Code is ErrorCode.NetworkError or ErrorCode.Timeout;
        if (unreachable ? _unreachable.TryAdd(feed.Name, error) : true)
        {
            _warnings.Enqueue(unreachable
                ? $"Feed {feed.Name} ({SafeUrl.Redact(feed.Source)}) could not be asked and is skipped for this resolution: {error.Message}"
                : $"Feed {feed.Name} ({SafeUrl.Redact(feed.Source)}) failed for {id} and is skipped for it: {error.Message}");
            _log?.Invoke($"Feed {feed.Name} failed for {id}: {error.Message}");
        }
    }

    /// <summary>
    /// Reads the dependencies of a version known only from its feed's version list (once per version, however many
    /// callers ask). PackageNotFound naming the feed when the feed lists the version but has no metadata for it.
    /// </summary>
    public Task CompleteAsync(CandidateVersion candidate, CancellationToken cancellationToken) =>
        candidate.HasDependencies
            ? Task.CompletedTask
            : _completions.GetOrAdd(candidate, c => new Lazy<Task>(() => ReadDependenciesAsync(c, cancellationToken))).Value;

    private async Task ReadDependenciesAsync(CandidateVersion candidate, CancellationToken cancellationToken)
    {
        var feed = _feeds.First(f => f.Name.Equals(candidate.FeedName, StringComparison.OrdinalIgnoreCase));
        await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        PackageMetadata? metadata;
        try
        {
            Asked();
            _log?.Invoke($"Asking {feed.Name} for the dependencies of {candidate}.");
            metadata = await feed.GetMetadataAsync(candidate.Id, candidate.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (AbandonedRequestException abandoned)
        {
            _abandoned.Enqueue(abandoned.Url);
            throw;
        }
        finally
        {
            _throttle.Release();
            Answered();
        }

        if (metadata is null)
        {
            var display = candidate.ToString();
            throw new DepResolveException(ErrorCode.PackageNotFound, $"Feed {feed.Name} ({SafeUrl.Redact(feed.Source)}) lists {display} but has no metadata for it.", display);
        }

        var stamped = string.IsNullOrEmpty(metadata.FeedName) ? metadata with { FeedName = feed.Name } : metadata;
        candidate.Complete(stamped, DependencyGroupSelector.Select(stamped.DependencyGroups, _targetFramework));
        _libraryFeeds?.Arrived(candidate);
    }

    private Task<FeedAnswer> GetFromFeedAsync(IPackageFeed feed, string id, CancellationToken cancellationToken) =>
        _requests.GetOrAdd((feed.Name, id), key => new Lazy<Task<FeedAnswer>>(() => FetchAsync(feed, key.Id, cancellationToken))).Value;

    /// <summary>Every version's metadata, or, from a feed that reads dependencies per version, the version list only.</summary>
    private async Task<FeedAnswer> FetchAsync(IPackageFeed feed, string id, CancellationToken cancellationToken)
    {
        await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Asked();
            _log?.Invoke($"Asking {feed.Name} for the versions of {id}.");
            if (await feed.ReadsMetadataPerVersionAsync(id, cancellationToken).ConfigureAwait(false))
            {
                var versions = await feed.ListVersionsAsync(id, cancellationToken).ConfigureAwait(false);
                return new FeedAnswer(versions.Select(v => new PackageMetadata { Id = id, Version = v.Version, IsListed = v.IsListed, FeedName = feed.Name }).ToArray(), DependenciesPending: true);
            }

            return new FeedAnswer(await feed.GetAllMetadataAsync(id, cancellationToken).ConfigureAwait(false), DependenciesPending: false);
        }
        catch (AbandonedRequestException abandoned)
        {
            _abandoned.Enqueue(abandoned.Url);
            throw;
        }
        finally
        {
            _throttle.Release();
            Answered();
        }
    }

    private void Asked()
    {
        var asked = Interlocked.Increment(ref _requestCount);
        _progress?.Invoke(Volatile.Read(ref _answeredCount), asked);
    }

    private void Answered()
    {
        var answered = Interlocked.Increment(ref _answeredCount);
        _progress?.Invoke(answered, Volatile.Read(ref _requestCount));
    }

    private sealed record FeedAnswer(IReadOnlyList<PackageMetadata> Metadata, bool DependenciesPending);

    private sealed class FeedIdComparer : IEqualityComparer<(string Feed, string Id)>
    {
        public static readonly FeedIdComparer Instance = new();

        public bool Equals((string Feed, string Id) x, (string Feed, string Id) y) =>
            StringComparer.OrdinalIgnoreCase.Equals(x.Feed, y.Feed) && StringComparer.OrdinalIgnoreCase.Equals(x.Id, y.Id);

        public int GetHashCode((string Feed, string Id) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Feed), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Id));
    }
}
