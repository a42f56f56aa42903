using System.Text;
using System.Text.Json.Serialization.Metadata;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Storage;
using NuGet.Versioning;

namespace DepResolve.Engine.Caching;

/// <summary>
/// Wraps a feed with the metadata cache under metadata/feed-&lt;hash of its normalised location&gt;/: answers younger than the TTL are served from
/// disk without a request. Offline, every answer comes from the cache whatever its age, and what is not cached
/// fails with PackageNotFound naming the package and the feed. Downloads are never cached here (the package
/// store keeps extracted packages); offline they fail, naming the package.
/// </summary>
internal sealed class CachingPackageFeed : IPackageFeed
{
    private readonly IPackageFeed _inner;
    private readonly TimeSpan _ttl;
    private readonly bool _offline;
    private readonly Func<DateTime> _utcNow;
    private readonly string _folder;

    // The SHA-512 of each version this instance has answered with ("" when the feed published none), so the check
    // after a download needs no re-read and re-parse of the cache file it just wrote or read.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _answeredSha512 = new(StringComparer.Ordinal);

    public CachingPackageFeed(IPackageFeed inner, CacheLayout layout, TimeSpan ttl, bool offline)
        : this(inner, layout, ttl, offline, () => DateTime.UtcNow)
    {
    }

    internal CachingPackageFeed(IPackageFeed inner, CacheLayout layout, TimeSpan ttl, bool offline, Func<DateTime> utcNow)
    {
        _inner = inner;
        _ttl = ttl;
        _offline = offline;
        _utcNow = utcNow;
        // Keyed by where the feed is, not how it was named: a registered name and its URL share one cache.
        var location = FeedLocation.Normalize(inner.Source);
        // The managed SHA-256: the framework's loads the system crypto library first (6-8 ms of every warm call with an
        // HTTP feed, which asks that feed nothing). Same digest, so the same folder as before.
        var locationHash = LowerHex.Of(new Utf8Sha256().Append(location).Finish().AsSpan(0, 8));
        _folder = Path.Combine(layout.MetadataFolder, "feed-" + locationHash);
    }

    public string Name => _inner.Name;

    public string Source => _inner.Source;

    public bool SupportsTagSearch => _inner.SupportsTagSearch;

    public bool IsOffline => _offline;

    public async Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var records = await GetOrFetchAsync(
            CacheFile(id, "versions"),
            static () => CachingJson.Files.Versions,
            $"the versions of '{id}'",
            () => _inner.ListVersionsAsync(id, cancellationToken),
            versions => versions.Select(FeedVersionRecord.From).ToList()).ConfigureAwait(false);
        return records.Select(r => r.ToFeedVersion()).ToList();
    }

    public async Task<IReadOnlyList<PackageMetadata>> GetAllMetadataAsync(string id, CancellationToken cancellationToken)
    {
        var records = await GetOrFetchAsync(
            CacheFile(id, "all"),
            static () => CachingJson.Files.Metadata,
            $"the metadata of '{id}'",
            () => _inner.GetAllMetadataAsync(id, cancellationToken),
            all => all.Select(PackageMetadataRecord.From).ToList()).ConfigureAwait(false);
        Remember(id, records);
        return records.Select(r => r.ToMetadata() with { FeedName = Name }).ToList();
    }

    /// <summary>
    /// False when an all-versions answer is in the cache (it is read from there, or refreshed in one go); offline,
    /// true when only the version list is cached; otherwise as the feed says.
    /// </summary>
    public Task<bool> ReadsMetadataPerVersionAsync(string id, CancellationToken cancellationToken)
    {
        if (File.Exists(CacheFile(id, "all")))
        {
            return Task.FromResult(false);
        }

        return _offline
            ? Task.FromResult(TryRead(CacheFile(id, "versions"), static () => CachingJson.Files.Versions, out _))
            : _inner.ReadsMetadataPerVersionAsync(id, cancellationToken);
    }

    public async Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        if (TryRead(CacheFile(id, "all"), static () => CachingJson.Files.Metadata, out var all))
        {
            var match = all.FirstOrDefault(r => NuGetVersion.Parse(r.Version) == version);
            if (match is not null)
            {
                Remember(id, [match]);
                return match.ToMetadata() with { FeedName = Name };
            }
        }

        var records = await GetOrFetchAsync(
            CacheFile(id, "v-" + version.ToNormalizedString()),
            static () => CachingJson.Files.Metadata,
            $"the metadata of '{id} {version.ToNormalizedString()}'",
            () => _inner.GetMetadataAsync(id, version, cancellationToken),
            found => found is null ? new List<PackageMetadataRecord>() : new List<PackageMetadataRecord> { PackageMetadataRecord.From(found) }).ConfigureAwait(false);
        Remember(id, records);
        return records.Count == 0 ? null : records[0].ToMetadata() with { FeedName = Name };
    }

    /// <summary>
    /// Downloads through the inner feed. When the bytes disagree with the SHA-512 the cache holds for that version, or
    /// the feed itself reports a hash mismatch, the package's cached metadata is dropped: the caller still fails, but
    /// the next run asks the feed again instead of repeating a stale hash until the TTL runs out.
    /// </summary>
    public Task<DownloadedPackage> DownloadAsync(string id, NuGetVersion version, string destinationFile, CancellationToken cancellationToken) =>
        DownloadCheckedAsync(id, version, () => _inner.DownloadAsync(id, version, destinationFile, cancellationToken));

    public Task<DownloadedPackage> DownloadToMemoryOrFileAsync(string id, NuGetVersion version, string destinationFile, long maxInMemoryBytes, CancellationToken cancellationToken) =>
        DownloadCheckedAsync(id, version, () => _inner.DownloadToMemoryOrFileAsync(id, version, destinationFile, maxInMemoryBytes, cancellationToken));

    private async Task<DownloadedPackage> DownloadCheckedAsync(string id, NuGetVersion version, Func<Task<DownloadedPackage>> download)
    {
        if (_offline)
        {
            throw new DepResolveException(
                ErrorCode.PackageNotFound,
                $"Offline mode: {id} {version.ToNormalizedString()} is not in the package store and cannot be downloaded from '{Name}'.",
                $"{id} {version.ToNormalizedString()}");
        }

        DownloadedPackage downloaded;
        try
        {
            downloaded = await download().ConfigureAwait(false);
        }
        catch (DepResolveException e) when (e.Code == ErrorCode.HashMismatch)
        {
            Forget(id, version);
            throw;
        }

        var cached = CachedPublishedSha512(id, version);
        if (cached is not null && !Packaging.PackageHash.AreEqual(cached, downloaded.Sha512))
        {
            Forget(id, version);
        }

        return downloaded;
    }

    public async Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken)
    {
        var records = await GetOrFetchAsync(
            CacheFile(tag, includePrerelease ? "tag-pre" : "tag"),
            static () => CachingJson.Files.Metadata,
            $"the packages tagged '{tag}'",
            () => _inner.SearchByTagAsync(tag, includePrerelease, cancellationToken),
            found => found.Select(PackageMetadataRecord.From).ToList()).ConfigureAwait(false);
        return records.Select(r => r.ToMetadata() with { FeedName = Name }).ToList();
    }

    /// <summary>
    /// The cached records, or the feed's answer turned into records by <paramref name="toRecords"/> and cached. The feed's
    /// task is awaited here and nowhere else: one state machine per request, whatever the kind of answer.
    /// </summary>
    private async Task<List<T>> GetOrFetchAsync<TAnswer, T>(string file, Func<JsonTypeInfo<CachedAnswer<List<T>>>> contract, string what, Func<Task<TAnswer>> fetch, Func<TAnswer, List<T>> toRecords)
    {
        if (TryRead(file, contract, out var cached))
        {
            return cached;
        }

        if (_offline)
        {
            throw new DepResolveException(
                ErrorCode.PackageNotFound,
                $"Offline mode: {what} from feed '{Name}' is not in the metadata cache.",
                what);
        }

        var fresh = toRecords(await fetch().ConfigureAwait(false));
        try
        {
            AtomicFile.WriteJson(file, new CachedAnswer<List<T>> { FetchedUtc = _utcNow(), Value = fresh }, contract());
        }
        catch (DepResolveException)
        {
            // A cache that cannot be written costs a request next time, never the answer.
        }

        return fresh;
    }

    /// <param name="contract">Asked for only when <paramref name="file"/> exists: building a contract runs (and, in a
    /// fresh process, compiles) the serializer's set-up, which a cold cache would otherwise pay before its first request.</param>
    private bool TryRead<T>(string file, Func<JsonTypeInfo<CachedAnswer<T>>> contract, out T value)
        where T : class
    {
        var answer = File.Exists(file) ? AtomicFile.TryReadJson(file, contract()) : null;
        if (answer?.Value is not null && (_offline || _utcNow() - answer.FetchedUtc < _ttl))
        {
            if (_offline && _utcNow() - answer.FetchedUtc >= _ttl)
            {
                // Only offline use keeps an answer past its TTL: the file's time tells garbage collection it is still used.
                AtomicFile.TryMarkUsed(file, _utcNow());
            }

            value = answer.Value;
            return true;
        }

        value = null!;
        return false;
    }

    private string? CachedPublishedSha512(string id, NuGetVersion version)
    {
        if (_answeredSha512.TryGetValue(KeyOf(id, version), out var answered))
        {
            return answered.Length == 0 ? null : answered;
        }

        foreach (var file in new[] { CacheFile(id, "all"), CacheFile(id, "v-" + version.ToNormalizedString()) })
        {
            var answer = AtomicFile.TryReadJson(file, CachingJson.Files.Metadata);
            var match = answer?.Value?.FirstOrDefault(r => NuGetVersion.TryParse(r.Version, out var v) && v == version);
            if (!string.IsNullOrEmpty(match?.Sha512))
            {
                return match.Sha512;
            }
        }

        return null;
    }

    private void Remember(string id, IEnumerable<PackageMetadataRecord> records)
    {
        foreach (var record in records)
        {
            if (NuGetVersion.TryParse(record.Version, out var version))
            {
                _answeredSha512[KeyOf(id, version)] = record.Sha512 ?? "";
            }
        }
    }

    private static string KeyOf(string id, NuGetVersion version) => id.ToLowerInvariant() + " " + version.ToNormalizedString().ToLowerInvariant();

    private void Forget(string id, NuGetVersion version)
    {
        _answeredSha512.TryRemove(KeyOf(id, version), out _);
        foreach (var file in new[] { CacheFile(id, "all"), CacheFile(id, "versions"), CacheFile(id, "v-" + version.ToNormalizedString()) })
        {
            AtomicFile.TryDelete(file);
        }
    }

    private string CacheFile(string key, string kind) => Path.Combine(_folder, CacheLayout.SafeName(key) + "." + CacheLayout.SafeName(kind) + ".json");
}
