using System.Collections.Concurrent;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Model;
using NuGet.Versioning;
using static DepResolve.Engine.Feeds.Http.RemoteMetadataParsing;

namespace DepResolve.Engine.Feeds.NuGetV2;

/// <summary>
/// A NuGet v2 OData feed in the PowerShell Gallery's dialect. Every version of an id comes from
/// FindPackagesById (following rel="next" pages) and is filtered here: the gallery's server-side range
/// filters are not trusted. All-versions metadata is kept per id for the feed's lifetime.
/// </summary>
public sealed class NuGetV2Feed : IPackageFeed
{
    /// <summary>Stops a server whose next links never end.</summary>
    private const int MaxPages = 500;

    private readonly FeedHttpClient _http;
    private readonly FeedCredentials? _credentials;
    private readonly Uri _baseUrl;
    private readonly ConcurrentDictionary<string, IReadOnlyList<PackageMetadata>> _metadataById = new(StringComparer.OrdinalIgnoreCase);

    public NuGetV2Feed(RepositorySettings settings, FeedHttpClient http)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        if (!Uri.TryCreate(settings.Source, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"Repository '{settings.Name}': '{SafeUrl.Redact(settings.Source)}' is not an http(s) URL of a NuGet v2 feed.", settings.Name);
        }

        _baseUrl = SafeUrl.WithoutUserInfo(url);
        _credentials = FeedCredentials.From(settings);
        Name = settings.Name;
        Source = SafeUrl.Redact(url);
    }

    public string Name { get; }

    public string Source { get; }

    public bool SupportsTagSearch => true;

    public async Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var all = await GetAllMetadataAsync(id, cancellationToken).ConfigureAwait(false);
        return all.Select(m => new FeedVersion(m.Version, m.IsListed)).ToArray();
    }

    public async Task<IReadOnlyList<PackageMetadata>> GetAllMetadataAsync(string id, CancellationToken cancellationToken)
    {
        if (_metadataById.TryGetValue(id, out var known))
        {
            return known;
        }

        var url = Endpoint($"FindPackagesById()?id={Quote(id)}&semVerLevel=2.0.0");
        var entries = await ReadAllPagesAsync(url, cancellationToken).ConfigureAwait(false);
        var all = entries
            .Where(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase))
            .GroupBy(m => m.Version)
            .Select(g => g.First())
            .OrderBy(m => m.Version)
            .ToArray();
        _metadataById[id] = all;
        return all;
    }

    public async Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        if (_metadataById.TryGetValue(id, out var known))
        {
            return known.FirstOrDefault(m => m.Version.Equals(version));
        }

        var url = Endpoint($"Packages(Id={Quote(id)},Version={Quote(version.ToNormalizedString())})");
        var document = await _http.GetXmlAsync(url, _credentials, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        var shown = SafeUrl.Redact(url);
        return ODataPackageEntry.Entries(document, shown)
            .Select(e => ODataPackageEntry.Read(e, Name, shown))
            .FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase) && m.Version.Equals(version));
    }

    public async Task<DownloadedPackage> DownloadAsync(string id, NuGetVersion version, string destinationFile, CancellationToken cancellationToken)
    {
        var display = $"{id} {version.ToNormalizedString()}";
        var known = await GetMetadataAsync(id, version, cancellationToken).ConfigureAwait(false);
        var url = Endpoint($"package/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(version.ToNormalizedString())}");
        var result = await _http.DownloadAsync(url, _credentials, destinationFile, known?.PublishedSha512, display, cancellationToken).ConfigureAwait(false)
            ?? throw new DepResolveException(ErrorCode.PackageNotFound, $"{display} is not on feed '{Name}' ({SafeUrl.Redact(url)} answered 404).", display);
        var destination = Path.GetFullPath(destinationFile);
        return new DownloadedPackage(CanonicalId(id, known, destination), known?.Version ?? version, destination, result.Sha512, result.Length, Name);
    }

    public async Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken)
    {
        var latest = includePrerelease ? "IsAbsoluteLatestVersion" : "IsLatestVersion";
        var url = Endpoint($"Search()?$filter={latest}&searchTerm={Quote("tag:" + tag)}&targetFramework=''&includePrerelease={(includePrerelease ? "true" : "false")}&semVerLevel=2.0.0");
        var entries = await ReadAllPagesAsync(url, cancellationToken).ConfigureAwait(false);
        return entries
            .Where(m => m.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase) && (includePrerelease || !m.Version.IsPrerelease))
            .GroupBy(m => m.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(m => m.Version)!)
            .ToArray();
    }

    private async Task<List<PackageMetadata>> ReadAllPagesAsync(Uri first, CancellationToken cancellationToken)
    {
        var result = new List<PackageMetadata>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? url = first;
        for (var page = 0; url is not null; page++)
        {
            var shown = SafeUrl.Redact(url);
            if (page >= MaxPages || !seen.Add(url.AbsoluteUri))
            {
                throw new DepResolveException(ErrorCode.InvalidPackage, $"{shown}: the feed's next-page links do not end (stopped after {page} pages).", shown);
            }

            var document = await _http.GetXmlAsync(url, _credentials, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                break;
            }

            result.AddRange(ODataPackageEntry.Entries(document, shown).Select(e => ODataPackageEntry.Read(e, Name, shown)));
            url = ODataPackageEntry.NextPage(document, url);
        }

        return result;
    }

    private Uri Endpoint(string relative) => new($"{_baseUrl.AbsoluteUri.TrimEnd('/')}/{relative}");

    /// <summary>An OData string literal: single-quoted, quotes doubled, URL-escaped.</summary>
    private static string Quote(string value) => Uri.EscapeDataString("'" + value.Replace("'", "''", StringComparison.Ordinal) + "'");
}
