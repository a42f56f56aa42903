using System.Security;
using System.Text;
using DepResolve.Engine.Packaging;
using Microsoft.AspNetCore.Http;
using NuGet.Frameworks;

namespace DepResolve.Testing.Servers;

/// <summary>
/// A NuGet v2 OData feed on loopback in the PowerShell Gallery's dialect, under /api/v2:
/// FindPackagesById()?id='X' (paged with rel="next"), Packages(Id='X',Version='Y'),
/// Search()?searchTerm='tag:X', and /package/{id}/{version} redirecting to the file.
/// </summary>
internal sealed class NuGetV2FeedServer : LoopbackFeedServer
{
    private NuGetV2FeedServer(string packagesFolder) : base(packagesFolder)
    {
    }

    /// <summary>Entries per page before a rel="next" link.</summary>
    public int PageSize { get; private init; } = 2;

    public string FeedUrl => $"{BaseAddress}/api/v2";

    public static async Task<NuGetV2FeedServer> StartAsync(string packagesFolder, int pageSize = 2)
    {
        var server = new NuGetV2FeedServer(packagesFolder) { PageSize = pageSize };
        await server.StartAsync();
        return server;
    }

    protected override Reply? Handle(HttpRequest request)
    {
        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        var query = request.Query;
        if (path.Equals("/api/v2/FindPackagesById()", StringComparison.OrdinalIgnoreCase))
        {
            var id = Unquote(query["id"]);
            var skip = int.TryParse(query["$skip"], out var s) ? s : 0;
            var next = $"{FeedUrl}/FindPackagesById()?id='{Uri.EscapeDataString(id)}'&$skip={skip + PageSize}";
            return Page(VersionsOf(id).ToArray(), skip, next);
        }

        if (path.StartsWith("/api/v2/Packages(", StringComparison.OrdinalIgnoreCase) && path.EndsWith(')'))
        {
            var keys = path["/api/v2/Packages(".Length..^1].Split(',')
                .Select(part => part.Split('=', 2))
                .ToDictionary(kv => kv[0].Trim(), kv => Unquote(kv[1]), StringComparer.OrdinalIgnoreCase);
            var package = keys.TryGetValue("Id", out var id) && keys.TryGetValue("Version", out var version) ? Find(id, version) : null;
            return package is null ? null : Reply.Xml(Entry(package, asDocument: true), "application/atom+xml;type=entry;charset=utf-8");
        }

        if (path.Equals("/api/v2/Search()", StringComparison.OrdinalIgnoreCase))
        {
            var term = Unquote(query["searchTerm"]);
            var prerelease = query["includePrerelease"] == "true";
            var tag = term.StartsWith("tag:", StringComparison.OrdinalIgnoreCase) ? term[4..] : null;
            var hits = Packages
                .Where(p => IsListed(p) && (prerelease || !p.Version.IsPrerelease))
                .Where(p => tag is null || p.Metadata.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                .GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.MaxBy(p => p.Version)!)
                .ToArray();
            var skip = int.TryParse(query["$skip"], out var s) ? s : 0;
            var next = $"{FeedUrl}/Search()?searchTerm='{Uri.EscapeDataString(term)}'&includePrerelease={(prerelease ? "true" : "false")}&$skip={skip + PageSize}";
            return Page(hits, skip, next);
        }

        var segments = path.Trim('/').Split('/');
        return segments switch
        {
            ["api", "v2", "package", var id, var version] when Find(id, version) is { } package =>
                Reply.Redirect($"{BaseAddress}/files/{package.LowerId}.{package.LowerVersion}.nupkg"),
            ["files", var file] when Packages.FirstOrDefault(p => file == $"{p.LowerId}.{p.LowerVersion}.nupkg") is { } package =>
                Reply.Package(package),
            _ => null,
        };
    }

    private static string Unquote(string? text) => (text ?? "").Trim().Trim('\'').Replace("''", "'", StringComparison.Ordinal);

    private Reply Page(FixturePackage[] all, int skip, string nextUrl)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.Append("<feed xml:base=\"").Append(FeedUrl).Append("\" xmlns=\"http://www.w3.org/2005/Atom\" xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">");
        xml.Append("<title type=\"text\">Packages</title><id>").Append(FeedUrl).Append("/Packages</id>");
        foreach (var package in all.Skip(skip).Take(PageSize))
        {
            xml.Append(Entry(package, asDocument: false));
        }

        if (skip + PageSize < all.Length)
        {
            xml.Append("<link rel=\"next\" href=\"").Append(SecurityElement.Escape(nextUrl)).Append("\" />");
        }

        xml.Append("</feed>");
        return Reply.Xml(xml.ToString());
    }

    private string Entry(FixturePackage package, bool asDocument)
    {
        var m = package.Metadata;
        var version = m.Version.ToNormalizedString();
        var namespaces = asDocument
            ? " xmlns=\"http://www.w3.org/2005/Atom\" xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\""
            : "";
        var published = IsListed(package) ? "2024-01-15T10:00:00.000" : "1900-01-01T00:00:00";
        return $"""
            <entry{namespaces}><id>{FeedUrl}/Packages(Id='{E(m.Id)}',Version='{version}')</id><title type="text">{E(m.Id)}</title>
            <summary type="text">{E(m.Description ?? "")}</summary><author><name>{E(m.Authors ?? "")}</name></author>
            <content type="application/zip" src="{FeedUrl}/package/{E(m.Id)}/{version}" />
            <m:properties><d:Version>{E(m.Version.ToString())}</d:Version><d:NormalizedVersion>{version}</d:NormalizedVersion>
            <d:Dependencies>{E(Dependencies(m))}</d:Dependencies><d:IsPrerelease m:type="Edm.Boolean">{(m.Version.IsPrerelease ? "true" : "false")}</d:IsPrerelease>
            <d:PackageHash>{PublishedHash(package)}</d:PackageHash><d:PackageHashAlgorithm>SHA512</d:PackageHashAlgorithm>
            <d:PackageSize m:type="Edm.Int64">{package.Size}</d:PackageSize><d:Published m:type="Edm.DateTime">{published}</d:Published>
            <d:Tags xml:space="preserve"> {E(string.Join(' ', m.Tags))} </d:Tags><d:LicenseUrl m:null="true" /></m:properties></entry>
            """;
    }

    /// <summary>"Id:Range:Framework|…", the framework empty for framework-less groups.</summary>
    private static string Dependencies(PackageMetadata metadata) =>
        string.Join('|', metadata.DependencyGroups.SelectMany(g =>
        {
            var framework = g.TargetFramework.Equals(NuGetFramework.AnyFramework) ? "" : g.TargetFramework.GetShortFolderName();
            return g.Dependencies.Count == 0
                ? [$"::{framework}"]
                : g.Dependencies.Select(d => $"{d.Id}:{(d.Range.Equals(NuGet.Versioning.VersionRange.All) ? "" : d.Range.ToNormalizedString())}:{framework}");
        }));

    private static string E(string text) => SecurityElement.Escape(text) ?? "";
}
