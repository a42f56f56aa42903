using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using Newtonsoft.Json.Linq;
using NuGet.Versioning;
using static DepResolve.Engine.Feeds.Http.RemoteMetadataParsing;

namespace DepResolve.Engine.Feeds.NuGetV3;

/// <summary>
/// A NuGet v3 feed (nuget.org, Azure Artifacts, GitHub Packages, static feeds): versions from the flat
/// container, metadata from registrations (pages inlined or linked) or, without them, from each version's
/// .nuspec, tag search through SearchQueryService. All-versions metadata is kept per id for the feed's lifetime.
/// </summary>
internal sealed class NuGetV3Feed : HttpPackageFeed
{
    private const int SearchPageSize = 100;
    private const int MaxSearchResults = 1000;

    private readonly SemaphoreSlim _serviceIndexLock = new(1, 1);
    private V3ServiceIndex? _serviceIndex;

    public NuGetV3Feed(RepositorySettings settings, FeedHttpClient http)
        : base(settings, http, "a NuGet v3 service index")
    {
    }

    public override async Task<IReadOnlyList<FeedVersion>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        if (TryGetKnownMetadata(id, out var known))
        {
            return known.Select(m => new FeedVersion(m.Version, m.IsListed)).ToArray();
        }

        var versions = await ListFlatContainerVersionsAsync(id, cancellationToken).ConfigureAwait(false);
        return versions.Select(v => new FeedVersion(v, true)).ToArray();
    }

    public override async Task<bool> ReadsMetadataPerVersionAsync(string id, CancellationToken cancellationToken) =>
        !TryGetKnownMetadata(id, out _) && (await GetServiceIndexAsync(cancellationToken).ConfigureAwait(false)).RegistrationsBaseUrl is null;

    public override async Task<PackageMetadata?> GetMetadataAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        if (!TryGetKnownMetadata(id, out _))
        {
            var index = await GetServiceIndexAsync(cancellationToken).ConfigureAwait(false);
            if (index.RegistrationsBaseUrl is null)
            {
                return await ReadNuspecAsync(index, id, version, cancellationToken).ConfigureAwait(false);
            }
        }

        var all = await GetAllMetadataAsync(id, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(m => m.Version.Equals(version));
    }

    private protected override async Task<(Uri Url, PackageMetadata? Known)> LocatePackageAsync(string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        var index = await GetServiceIndexAsync(cancellationToken).ConfigureAwait(false);
        var lowerId = id.ToLowerInvariant();
        var lowerVersion = LowerVersion(version);
        var url = Combine(index.PackageBaseAddress, Uri.EscapeDataString(lowerId), Uri.EscapeDataString(lowerVersion), Uri.EscapeDataString($"{lowerId}.{lowerVersion}.nupkg"));
        return (url, KnownMetadata(id, version));
    }

    /// <summary>A feed without SearchQueryService answers every search with nothing.</summary>
    public override async Task<IReadOnlyList<PackageMetadata>> SearchByTagAsync(string tag, bool includePrerelease, CancellationToken cancellationToken)
    {
        var index = await GetServiceIndexAsync(cancellationToken).ConfigureAwait(false);
        if (index.SearchQueryService is not { } search)
        {
            return Array.Empty<PackageMetadata>();
        }

        var found = new List<PackageMetadata>();
        for (var skip = 0; skip < MaxSearchResults; skip += SearchPageSize)
        {
            var query = $"q={Uri.EscapeDataString($"Tags:\"{tag}\"")}&skip={skip}&take={SearchPageSize}&prerelease={(includePrerelease ? "true" : "false")}&semVerLevel=2.0.0";
            var url = new Uri($"{search.AbsoluteUri}{(string.IsNullOrEmpty(search.Query) ? "?" : "&")}{query}");
            var page = await Http.GetJsonAsync(url, Credentials, cancellationToken).ConfigureAwait(false);
            if (page?["data"] is not JArray data || data.Count == 0)
            {
                break;
            }

            foreach (var hit in data.OfType<JObject>())
            {
                var metadata = ReadSearchHit(hit, SafeUrl.Redact(url));
                if (metadata is not null
                    && metadata.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)
                    && (includePrerelease || !metadata.Version.IsPrerelease))
                {
                    found.Add(metadata);
                }
            }

            if (data.Count < SearchPageSize || JsonValues.Int64(page, "totalHits") is { } total && skip + data.Count >= total)
            {
                break;
            }
        }

        return found;
    }

    /// <remarks>
    /// Once the service index is known (the resolver asks <see cref="ReadsMetadataPerVersionAsync"/> first, which reads
    /// it), the registration's task is returned as it is: no state machine of this method's own per request.
    /// </remarks>
    private protected override Task<IReadOnlyList<PackageMetadata>> ReadAllMetadataAsync(string id, CancellationToken cancellationToken) =>
        _serviceIndex is { RegistrationsBaseUrl: { } registrations }
            ? ReadRegistrationAsync(registrations, id, cancellationToken)
            : ReadAllMetadataFromServiceIndexAsync(id, cancellationToken);

    private async Task<IReadOnlyList<PackageMetadata>> ReadAllMetadataFromServiceIndexAsync(string id, CancellationToken cancellationToken)
    {
        var index = await GetServiceIndexAsync(cancellationToken).ConfigureAwait(false);
        if (index.RegistrationsBaseUrl is { } registrations)
        {
            return await ReadRegistrationAsync(registrations, id, cancellationToken).ConfigureAwait(false);
        }

        var versions = await ListFlatContainerVersionsAsync(id, cancellationToken).ConfigureAwait(false);
        var nuspecs = await Task.WhenAll(versions.Select(v => ReadNuspecAsync(index, id, v, cancellationToken))).ConfigureAwait(false);
        return nuspecs.OfType<PackageMetadata>().ToArray();
    }

    private async Task<V3ServiceIndex> GetServiceIndexAsync(CancellationToken cancellationToken)
    {
        if (_serviceIndex is { } known)
        {
            return known;
        }

        await _serviceIndexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_serviceIndex is null)
            {
                var shown = SafeUrl.Redact(SourceUrl);
                var document = await Http.GetJsonAsync(SourceUrl, Credentials, cancellationToken).ConfigureAwait(false)
                    ?? throw new DepResolveException(ErrorCode.NetworkError, $"The service index {shown} of feed '{Name}' does not exist (404).", shown);
                _serviceIndex = V3ServiceIndex.Parse(document, shown);
            }

            return _serviceIndex;
        }
        finally
        {
            _serviceIndexLock.Release();
        }
    }

    private async Task<IReadOnlyList<NuGetVersion>> ListFlatContainerVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var index = await GetServiceIndexAsync(cancellationToken).ConfigureAwait(false);
        var url = Combine(index.PackageBaseAddress, Uri.EscapeDataString(id.ToLowerInvariant()), "index.json");
        var document = await Http.GetJsonAsync(url, Credentials, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return Array.Empty<NuGetVersion>();
        }

        var shown = SafeUrl.Redact(url);
        if ((document as JObject)?["versions"] is not JArray versions)
        {
            throw new DepResolveException(ErrorCode.InvalidPackage, $"{shown} has no 'versions' array.", shown);
        }

        var result = new List<NuGetVersion>();
        foreach (var text in JsonValues.Strings(versions))
        {
            result.Add(NuGetVersion.TryParse(text, out var version)
                ? version
                : throw new DepResolveException(ErrorCode.InvalidPackage, $"{shown} lists an invalid version '{text}' of {id}.", shown));
        }

        return result.Distinct().OrderBy(v => v).ToArray();
    }

    private async Task<PackageMetadata?> ReadNuspecAsync(V3ServiceIndex index, string id, NuGetVersion version, CancellationToken cancellationToken)
    {
        var lowerId = id.ToLowerInvariant();
        var lowerVersion = LowerVersion(version);
        var url = Combine(index.PackageBaseAddress, Uri.EscapeDataString(lowerId), Uri.EscapeDataString(lowerVersion), Uri.EscapeDataString($"{lowerId}.nuspec"));
        var body = await Http.GetMetadataAsync(url, Credentials, ExpectedContent.Xml, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        using var stream = new MemoryStream(body);
        return NuspecReader.Read(stream, SafeUrl.Redact(url)) with { FeedName = Name };
    }

    private async Task<IReadOnlyList<PackageMetadata>> ReadRegistrationAsync(Uri registrations, string id, CancellationToken cancellationToken)
    {
        var indexUrl = Combine(registrations, Uri.EscapeDataString(id.ToLowerInvariant()), "index.json");
        var document = await Http.GetJsonAsync(indexUrl, Credentials, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return Array.Empty<PackageMetadata>();
        }

        var shown = SafeUrl.Redact(indexUrl);
        if ((document as JObject)?["items"] is not JArray pages)
        {
            throw new DepResolveException(ErrorCode.InvalidPackage, $"{shown} is not a registration index: it has no 'items' array.", shown);
        }

        var leafLists = await Task.WhenAll(pages.OfType<JObject>().Select(page => ReadPageLeavesAsync(page, shown, cancellationToken))).ConfigureAwait(false);
        var entries = await Task.WhenAll(leafLists.SelectMany(l => l).Select(leaf => ReadCatalogEntryAsync(leaf, cancellationToken))).ConfigureAwait(false);
        return OnePerVersionOf(id, entries.Select(e => ReadCatalogEntry(e.Entry, id, e.ShownUrl)));
    }

    private async Task<IReadOnlyList<(JObject Leaf, string ShownUrl)>> ReadPageLeavesAsync(JObject page, string shownIndexUrl, CancellationToken cancellationToken)
    {
        if (page["items"] is JArray inlined)
        {
            return inlined.OfType<JObject>().Select(leaf => (leaf, shownIndexUrl)).ToArray();
        }

        var pageId = JsonValues.String(page, "@id");
        if (pageId is null || !Uri.TryCreate(pageId, UriKind.Absolute, out var pageUrl))
        {
            throw new DepResolveException(ErrorCode.InvalidPackage, $"{shownIndexUrl} has a page with neither items nor a page URL.", shownIndexUrl);
        }

        var shownPage = SafeUrl.Redact(pageUrl);
        var document = await Http.GetJsonAsync(pageUrl, Credentials, cancellationToken).ConfigureAwait(false)
            ?? throw new DepResolveException(ErrorCode.InvalidPackage, $"The registration page {shownPage} named by {shownIndexUrl} does not exist (404).", shownPage);
        if ((document as JObject)?["items"] is not JArray leaves)
        {
            throw new DepResolveException(ErrorCode.InvalidPackage, $"{shownPage} is not a registration page: it has no 'items' array.", shownPage);
        }

        return leaves.OfType<JObject>().Select(leaf => (leaf, shownPage)).ToArray();
    }

    /// <summary>The catalog entry is usually inlined; some servers give only its URL.</summary>
    private async Task<(JObject Entry, string ShownUrl)> ReadCatalogEntryAsync((JObject Leaf, string ShownUrl) leaf, CancellationToken cancellationToken)
    {
        switch (leaf.Leaf["catalogEntry"])
        {
            case JObject entry:
                return (entry, leaf.ShownUrl);
            case JValue { Type: JTokenType.String } link when Uri.TryCreate(link.Value<string>(), UriKind.Absolute, out var url):
                var shown = SafeUrl.Redact(url);
                var document = await Http.GetJsonAsync(url, Credentials, cancellationToken).ConfigureAwait(false) as JObject
                    ?? throw new DepResolveException(ErrorCode.InvalidPackage, $"The catalog entry {shown} named by {leaf.ShownUrl} is missing or not an object.", shown);
                return (document, shown);
            default:
                throw new DepResolveException(ErrorCode.InvalidPackage, $"{leaf.ShownUrl} has a registration leaf without a catalogEntry.", leaf.ShownUrl);
        }
    }

    private PackageMetadata ReadCatalogEntry(JObject entry, string requestedId, string shownUrl)
    {
        var id = JsonValues.String(entry, "id") ?? requestedId;
        var versionText = JsonValues.String(entry, "version");
        if (versionText is null || !NuGetVersion.TryParse(versionText, out var version))
        {
            throw new DepResolveException(ErrorCode.InvalidPackage, $"{shownUrl} has an entry of {id} with a missing or invalid version '{versionText}'.", shownUrl);
        }

        var display = $"{id} {version.ToNormalizedString()}";
        var groups = new List<PackageDependencyGroup>();
        if (entry["dependencyGroups"] is JArray dependencyGroups)
        {
            foreach (var group in dependencyGroups.OfType<JObject>())
            {
                var dependencies = new List<PackageDependency>();
                if (group["dependencies"] is JArray items)
                {
                    foreach (var dependency in items.OfType<JObject>())
                    {
                        var dependencyId = JsonValues.String(dependency, "id");
                        if (string.IsNullOrWhiteSpace(dependencyId))
                        {
                            continue;
                        }

                        dependencies.Add(new PackageDependency(dependencyId, ParseRange(JsonValues.String(dependency, "range"), dependencyId, display, shownUrl)));
                    }
                }

                groups.Add(new PackageDependencyGroup(ParseFramework(JsonValues.String(group, "targetFramework")), dependencies));
            }
        }

        var listed = JsonValues.Boolean(entry, "listed") ?? !IsUnlistedPublishDate(JsonValues.String(entry, "published"));
        return new PackageMetadata
        {
            Id = id,
            Version = version,
            DependencyGroups = groups,
            Tags = JsonValues.Tags(entry["tags"]),
            IsListed = listed,
            PublishedSha512 = Sha512OrNull(JsonValues.String(entry, "packageHash"), JsonValues.String(entry, "packageHashAlgorithm")),
            PackageSize = JsonValues.Int64(entry, "packageSize"),
            Description = JsonValues.String(entry, "description"),
            Authors = JsonValues.Joined(entry["authors"]),
            FeedName = Name,
        };
    }

    private PackageMetadata? ReadSearchHit(JObject hit, string shownUrl)
    {
        var id = JsonValues.String(hit, "id");
        var versionText = JsonValues.String(hit, "version");
        if (id is null || versionText is null || !NuGetVersion.TryParse(versionText, out var version))
        {
            return null;
        }

        return new PackageMetadata
        {
            Id = id,
            Version = version,
            Tags = JsonValues.Tags(hit["tags"]),
            Description = JsonValues.String(hit, "description"),
            Authors = JsonValues.Joined(hit["authors"]),
            FeedName = Name,
        };
    }

    private PackageMetadata? KnownMetadata(string id, NuGetVersion version) =>
        TryGetKnownMetadata(id, out var all) ? all.FirstOrDefault(m => m.Version.Equals(version)) : null;
}
