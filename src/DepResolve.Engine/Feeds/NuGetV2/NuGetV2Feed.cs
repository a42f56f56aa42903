using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Versioning;

namespace DepResolve.Engine.Feeds.NuGetV2;

/// <summary>
/// A NuGet v2 OData feed in the PowerShell Gallery's dialect. Every version of an id comes from
/// FindPackagesById (following rel="next" pages) and is filtered here: the gallery's server-side range
/// filters are not trusted. All-versions metadata is kept per id for the feed's lifetime.
/// </summary>
internal sealed class NuGetV2Feed : HttpPackageFeed
{
    /// <summary>Stops a server whose next links never end.</summary>
    private const int MaxPages = 500;

    public NuGetV2Feed(RepositorySettings settings, FeedHttpClient http)
        : base(settings, http, "a NuGet v2 feed")
    {
    }

    public override async Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var all = await GetAllMetadataAsync(id, cancellationToken).ConfigureAwait(false);
        return all.Select(m => new FeedVersion(m.Version, m.IsListed)).ToArray();
    }

    public override async Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        if (TryGetKnownMetadata(id, out var known))
        {
            return known.FirstOrDefault(m => m.Version.Equals(version));
        }

        var url = Endpoint($"Packages(Id={Quote(id)},Version={Quote(version.ToNormalizedString())})");
        var document = await Http.GetXmlAsync(url, Credentials, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        var shown = SafeUrl.Redact(url);
        return ODataPackageEntry.Entries(document, shown)
            .Select(e => ODataPackageEntry.Read(e, Name, shown))
            .FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase) && m.Version.Equals(version));
    }

    private protected override async Task<(Uri Url, PackageMetadata? Known)> LocatePackageAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        var known = await GetMetadataAsync(id, version, cancellationToken).ConfigureAwait(false);
        return (Endpoint($"package/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(version.ToNormalizedString())}"), known);
    }

    public override async Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken)
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

    private protected override async Task<IReadOnlyList<PackageMetadata>> ReadAllMetadataAsync(string id, CancellationToken cancellationToken)
    {
        var url = Endpoint($"FindPackagesById()?id={Quote(id)}&semVerLevel=2.0.0");
        return OnePerVersionOf(id, await ReadAllPagesAsync(url, cancellationToken).ConfigureAwait(false));
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

            var document = await Http.GetXmlAsync(url, Credentials, cancellationToken).ConfigureAwait(false);
            if (document is null)
            {
                break;
            }

            result.AddRange(ODataPackageEntry.Entries(document, shown).Select(e => ODataPackageEntry.Read(e, Name, shown)));
            url = ODataPackageEntry.NextPage(document, url);
        }

        return result;
    }

    private Uri Endpoint(string relative) => new($"{SourceUrl.AbsoluteUri.TrimEnd('/')}/{relative}");

    /// <summary>An OData string literal: single-quoted, quotes doubled, URL-escaped.</summary>
    private static string Quote(string value) => Uri.EscapeDataString("'" + value.Replace("'", "''", StringComparison.Ordinal) + "'");
}
