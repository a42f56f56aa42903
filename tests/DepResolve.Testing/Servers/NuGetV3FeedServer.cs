using DepResolve.Engine.Packaging;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using NuGet.Frameworks;

namespace DepResolve.Testing.Servers;

/// <summary>How the v3 fixture publishes registrations.</summary>
public enum RegistrationLayout
{
    /// <summary>One registration index with every page and leaf inlined (small packages on nuget.org).</summary>
    Inlined,

    /// <summary>The index names pages by URL; each page is fetched on its own (large packages on nuget.org).</summary>
    Linked,

    /// <summary>No RegistrationsBaseUrl at all (static feeds): clients read the flat container's .nuspec files.</summary>
    None,
}

/// <summary>
/// A NuGet v3 feed on loopback: /v3/index.json, the flat container (/v3/flat/), registrations (/v3/registration/)
/// and search (/v3/search, understanding <c>tags:X</c> and <c>Tags:"X"</c>).
/// </summary>
internal sealed class NuGetV3FeedServer : LoopbackFeedServer
{
    private NuGetV3FeedServer(string packagesFolder) : base(packagesFolder)
    {
    }

    public RegistrationLayout Registrations { get; private init; }

    /// <summary>Leaves per linked registration page.</summary>
    public int PageSize { get; private init; } = 2;

    public bool Search { get; private init; } = true;

    /// <summary>Tags as one space-separated string (as some servers write them) instead of an array.</summary>
    public bool TagsAsString { get; set; }

    /// <summary>Adds packageHash/packageHashAlgorithm to catalog entries, as catalog leaves carry them.</summary>
    public bool PublishHashes { get; set; }

    public string ServiceIndexUrl => $"{BaseAddress}/v3/index.json";

    public static async Task<NuGetV3FeedServer> StartAsync(string packagesFolder, RegistrationLayout registrations = RegistrationLayout.Inlined, int pageSize = 2, bool search = true)
    {
        var server = new NuGetV3FeedServer(packagesFolder) { Registrations = registrations, PageSize = pageSize, Search = search };
        await server.StartAsync();
        return server;
    }

    protected override Reply? Handle(HttpRequest request)
    {
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        return segments switch
        {
            ["v3", "index.json"] => ServiceIndex(),
            ["v3", "flat", var id, "index.json"] => FlatVersions(id),
            ["v3", "flat", var id, var version, var file] => FlatFile(id, version, file),
            ["v3", "registration", var id, "index.json"] when Registrations != RegistrationLayout.None => RegistrationIndex(id),
            ["v3", "registration", var id, "page", var lower, var upper] when Registrations == RegistrationLayout.Linked => RegistrationPage(id, lower, upper.Replace(".json", "", StringComparison.Ordinal)),
            ["v3", "search"] when Search => SearchByQuery(request.Query["q"].ToString(), request.Query["prerelease"] == "true", Int(request.Query["skip"], 0), Int(request.Query["take"], 20)),
            _ => null,
        };
    }

    private static int Int(string? text, int fallback) => int.TryParse(text, out var value) ? value : fallback;

    private Reply ServiceIndex()
    {
        var resources = new JArray(Resource("/v3/flat/", "PackageBaseAddress/3.0.0"));
        if (Registrations != RegistrationLayout.None)
        {
            resources.Add(Resource("/v3/registration/", "RegistrationsBaseUrl/3.6.0"));
            resources.Add(Resource("/v3/registration/", "RegistrationsBaseUrl"));
        }

        if (Search)
        {
            resources.Add(Resource("/v3/search", "SearchQueryService/3.5.0"));
        }

        return Reply.Json(new JObject { ["version"] = "3.0.0", ["resources"] = resources }.ToString());
    }

    private JObject Resource(string path, string type) => new() { ["@id"] = BaseAddress + path, ["@type"] = type };

    private Reply? FlatVersions(string id)
    {
        var versions = VersionsOf(id).Select(p => p.LowerVersion).ToArray();
        return versions.Length == 0 ? null : Reply.Json(new JObject { ["versions"] = new JArray(versions) }.ToString());
    }

    private Reply? FlatFile(string id, string version, string file)
    {
        var package = Find(id, version);
        if (package is null)
        {
            return null;
        }

        if (file == $"{package.LowerId}.{package.LowerVersion}.nupkg")
        {
            return Reply.Package(package);
        }

        return file == $"{package.LowerId}.nuspec" ? Reply.Xml(System.Text.Encoding.UTF8.GetString(package.NuspecBytes), "application/xml") : null;
    }

    private Reply? RegistrationIndex(string id)
    {
        var versions = VersionsOf(id).ToArray();
        if (versions.Length == 0)
        {
            return null;
        }

        var pages = new JArray();
        if (Registrations == RegistrationLayout.Inlined)
        {
            pages.Add(Page(id, versions, inlined: true));
        }
        else
        {
            foreach (var chunk in versions.Chunk(PageSize))
            {
                pages.Add(Page(id, chunk, inlined: false));
            }
        }

        return Reply.Json(new JObject { ["@id"] = RegistrationUrl(id, "index.json"), ["count"] = pages.Count, ["items"] = pages }.ToString());
    }

    private Reply? RegistrationPage(string id, string lower, string upper)
    {
        var chunk = VersionsOf(id).Chunk(PageSize).FirstOrDefault(c => c[0].LowerVersion == lower && c[^1].LowerVersion == upper);
        return chunk is null ? null : Reply.Json(Page(id, chunk, inlined: true).ToString());
    }

    private JObject Page(string id, FixturePackage[] versions, bool inlined)
    {
        var lower = versions[0].LowerVersion;
        var upper = versions[^1].LowerVersion;
        var page = new JObject
        {
            ["@id"] = Registrations == RegistrationLayout.Linked ? RegistrationUrl(id, $"page/{lower}/{upper}.json") : RegistrationUrl(id, "index.json") + "#page/" + lower,
            ["count"] = versions.Length,
            ["lower"] = lower,
            ["upper"] = upper,
        };
        if (inlined)
        {
            page["items"] = new JArray(versions.Select(Leaf));
        }

        return page;
    }

    private JObject Leaf(FixturePackage package)
    {
        var metadata = package.Metadata;
        var entry = new JObject
        {
            ["@id"] = $"{BaseAddress}/v3/catalog/{package.LowerId}.{package.LowerVersion}.json",
            ["id"] = metadata.Id,
            ["version"] = metadata.Version.ToFullString(),
            ["listed"] = IsListed(package),
            ["description"] = metadata.Description ?? "",
            ["authors"] = metadata.Authors ?? "",
            ["tags"] = TagsAsString ? string.Join(' ', metadata.Tags) : new JArray(metadata.Tags),
            ["dependencyGroups"] = new JArray(metadata.DependencyGroups.Select(DependencyGroup)),
        };
        if (PublishHashes)
        {
            entry["packageHash"] = PublishedHash(package);
            entry["packageHashAlgorithm"] = "SHA512";
        }

        return new JObject
        {
            ["@id"] = RegistrationUrl(package.Id, package.LowerVersion + ".json"),
            ["catalogEntry"] = entry,
            ["packageContent"] = $"{BaseAddress}/v3/flat/{package.LowerId}/{package.LowerVersion}/{package.LowerId}.{package.LowerVersion}.nupkg",
        };
    }

    private static JObject DependencyGroup(PackageDependencyGroup group)
    {
        var result = new JObject
        {
            ["dependencies"] = new JArray(group.Dependencies.Select(d => new JObject { ["id"] = d.Id, ["range"] = d.Range.ToNormalizedString() })),
        };
        if (!group.TargetFramework.Equals(NuGetFramework.AnyFramework))
        {
            result["targetFramework"] = group.TargetFramework.GetShortFolderName();
        }

        return result;
    }

    private string RegistrationUrl(string id, string rest) => $"{BaseAddress}/v3/registration/{id.ToLowerInvariant()}/{rest}";

    private Reply SearchByQuery(string query, bool prerelease, int skip, int take)
    {
        var tag = ParseTagQuery(query);
        var hits = Packages
            .Where(p => IsListed(p) && (prerelease || !p.Version.IsPrerelease))
            .Where(p => tag is null || p.Metadata.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            .GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(p => p.Version)!)
            .ToArray();
        var data = hits.Skip(skip).Take(take).Select(p => new JObject
        {
            ["id"] = p.Id,
            ["version"] = p.Version.ToFullString(),
            ["description"] = p.Metadata.Description ?? "",
            ["tags"] = new JArray(p.Metadata.Tags),
            ["versions"] = new JArray(VersionsOf(p.Id).Select(v => new JObject { ["version"] = v.Version.ToFullString() })),
        });
        return Reply.Json(new JObject { ["totalHits"] = hits.Length, ["data"] = new JArray(data) }.ToString());
    }

    /// <summary>"tags:X" or "Tags:\"X\"" gives X; anything else is not a tag query.</summary>
    private static string? ParseTagQuery(string query)
    {
        const string prefix = "tags:";
        var text = query.Trim();
        return text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? text[prefix.Length..].Trim('"') : null;
    }
}
