using System.Collections.Concurrent;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;
using static DepResolve.Engine.Feeds.Http.RemoteMetadataParsing;

namespace DepResolve.Engine.Feeds.Http;

/// <summary>
/// What the NuGet v2 and v3 feeds share: an http(s) source whose user info becomes credentials, all-versions
/// metadata kept per id for the feed's lifetime, and the download of one package file checked against the
/// published hash. Each protocol reads its own documents.
/// </summary>
internal abstract class HttpPackageFeed : IPackageFeed
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<PackageMetadata>> _metadataById = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="endpointKind">What the source must be the URL of, for the error message ("a NuGet v2 feed").</param>
    private protected HttpPackageFeed(RepositorySettings settings, FeedHttpClient http, string endpointKind)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Http = http ?? throw new ArgumentNullException(nameof(http));
        if (!Uri.TryCreate(settings.Source, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"Repository '{settings.Name}': '{SafeUrl.Redact(settings.Source)}' is not an http(s) URL of {endpointKind}.", settings.Name);
        }

        SourceUrl = SafeUrl.WithoutUserInfo(url);
        Credentials = FeedCredentials.From(settings);
        Name = settings.Name;
        Source = SafeUrl.Redact(url);
    }

    public string Name { get; }

    public string Source { get; }

    public bool SupportsTagSearch => true;

    private protected FeedHttpClient Http { get; }

    private protected FeedCredentials? Credentials { get; }

    /// <summary>The source URL without its user info (that is in <see cref="Credentials"/>).</summary>
    private protected Uri SourceUrl { get; }

    public abstract Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken);

    public async Task<IReadOnlyList<PackageMetadata>> GetAllMetadataAsync(string id, CancellationToken cancellationToken)
    {
        if (_metadataById.TryGetValue(id, out var known))
        {
            return known;
        }

        var read = await ReadAllMetadataAsync(id, cancellationToken).ConfigureAwait(false);
        var all = read.OrderBy(m => m.Version).ToArray();
        _metadataById[id] = all;
        return all;
    }

    public virtual Task<bool> ReadsMetadataPerVersionAsync(string id, CancellationToken cancellationToken) => Task.FromResult(false);

    public abstract Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken);

    public Task<DownloadedPackage> DownloadAsync(string id, NuGetVersion version, string destinationFile, CancellationToken cancellationToken) =>
        DownloadToMemoryOrFileAsync(id, version, destinationFile, maxInMemoryBytes: 0, cancellationToken);

    /// <summary>Downloads the package from where <see cref="LocatePackageAsync"/> says, checked against the hash the feed published.</summary>
    public async Task<DownloadedPackage> DownloadToMemoryOrFileAsync(string id, NuGetVersion version, string destinationFile, long maxInMemoryBytes, CancellationToken cancellationToken)
    {
        var (url, known) = await LocatePackageAsync(id, version, cancellationToken).ConfigureAwait(false);
        var display = $"{id} {version.ToNormalizedString()}";
        var result = await Http.DownloadAsync(url, Credentials, destinationFile, maxInMemoryBytes, known?.PublishedSha512, display, cancellationToken).ConfigureAwait(false)
            ?? throw new DepResolveException(ErrorCode.PackageNotFound, $"{display} is not on feed '{Name}' ({SafeUrl.Redact(url)} answered 404).", display);
        var destination = result.Content is null ? Path.GetFullPath(destinationFile) : null;
        return new DownloadedPackage(() => CanonicalId(id, known, destinationFile, result.Content), known?.Version ?? version, destination, result.Sha512, result.Length, Name) { Content = result.Content };
    }

    /// <summary>The package file's URL, and the metadata the feed published for that version when known (its hash is checked).</summary>
    private protected abstract Task<(Uri Url, PackageMetadata? Known)> LocatePackageAsync(string id, NuGetVersion version, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken);

    /// <summary>Every version's metadata of <paramref name="id"/> from the server, in any order.</summary>
    private protected abstract Task<IReadOnlyList<PackageMetadata>> ReadAllMetadataAsync(string id, CancellationToken cancellationToken);

    /// <summary>All versions' metadata when <see cref="GetAllMetadataAsync"/> has already read them.</summary>
    private protected bool TryGetKnownMetadata(string id, out IReadOnlyList<PackageMetadata> all) => _metadataById.TryGetValue(id, out all!);

    /// <summary>The entries of <paramref name="id"/> only, the first one of each version.</summary>
    private protected static IReadOnlyList<PackageMetadata> OnePerVersionOf(string id, IEnumerable<PackageMetadata> entries) =>
        entries
            .Where(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase))
            .GroupBy(m => m.Version)
            .Select(g => g.First())
            .ToArray();
}
