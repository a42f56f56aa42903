using System.Xml.Linq;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using NuGet.Frameworks;
using NuGet.Versioning;
using static DepResolve.Engine.Feeds.Http.RemoteMetadataParsing;

namespace DepResolve.Engine.Feeds.NuGetV2;

/// <summary>Reads the Atom entries of a NuGet v2 OData answer (the PowerShell Gallery's) into package metadata.</summary>
internal static class ODataPackageEntry
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Metadata = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";
    public static readonly XNamespace Data = "http://schemas.microsoft.com/ado/2007/08/dataservices";

    /// <summary>The entries of a feed document, or the document itself when it is a single entry.</summary>
    public static IEnumerable<XElement> Entries(XDocument document, string shownUrl)
    {
        var root = document.Root;
        if (root?.Name == Atom + "feed")
        {
            return root.Elements(Atom + "entry");
        }

        if (root?.Name == Atom + "entry")
        {
            return [root];
        }

        throw new DepResolveException(ErrorCode.InvalidPackage, $"{shownUrl} is not an Atom feed or entry (root element '{root?.Name.LocalName}').", shownUrl);
    }

    /// <summary>The absolute URL of the feed's rel="next" link, or null on the last page.</summary>
    public static Uri? NextPage(XDocument document, Uri current)
    {
        var href = document.Root?
            .Elements(Atom + "link")
            .FirstOrDefault(l => string.Equals((string?)l.Attribute("rel"), "next", StringComparison.OrdinalIgnoreCase))?
            .Attribute("href")?.Value;
        return href is not null && Uri.TryCreate(current, href, out var next) ? next : null;
    }

    public static PackageMetadata Read(XElement entry, string feedName, string shownUrl)
    {
        var properties = entry.Element(Metadata + "properties") ?? entry.Descendants(Metadata + "properties").FirstOrDefault();
        string? Property(string name) => properties?.Element(Data + name) is { } element && !IsNull(element) ? element.Value : null;

        var id = Property("Id") ?? entry.Element(Atom + "title")?.Value.Trim();
        var versionText = Property("NormalizedVersion") ?? Property("Version");
        if (string.IsNullOrWhiteSpace(id) || versionText is null || !NuGetVersion.TryParse(versionText, out var version))
        {
            throw new DepResolveException(ErrorCode.InvalidPackage,
                $"{shownUrl} has an entry with a missing id or an invalid version ('{id}' '{versionText}').", shownUrl);
        }

        var display = $"{id} {version.ToNormalizedString()}";
        var listed = bool.TryParse(Property("IsListed"), out var isListed) ? isListed : !IsUnlistedPublishDate(Property("Published"));
        return new PackageMetadata
        {
            Id = id,
            Version = version,
            DependencyGroups = ReadDependencies(Property("Dependencies"), display, shownUrl),
            Tags = (Property("Tags") ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            IsListed = listed,
            PublishedSha512 = Sha512OrNull(Property("PackageHash"), Property("PackageHashAlgorithm")),
            PackageSize = long.TryParse(Property("PackageSize"), out var size) ? size : null,
            Description = Property("Description") ?? entry.Element(Atom + "summary")?.Value,
            Authors = Property("Authors") ?? entry.Element(Atom + "author")?.Element(Atom + "name")?.Value,
            FeedName = feedName,
        };
    }

    /// <summary>
    /// "Id:Range:Framework|Id:Range:Framework". An empty range is any version; an empty framework is AnyFramework;
    /// an entry with an empty id and only a framework stands for a framework group without dependencies.
    /// </summary>
    public static IReadOnlyList<PackageDependencyGroup> ReadDependencies(string? text, string display, string shownUrl)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Array.Empty<PackageDependencyGroup>();
        }

        var groups = new List<(NuGetFramework Framework, List<PackageDependency> Dependencies)>();
        foreach (var item in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split(':');
            var dependencyId = parts[0].Trim();
            var framework = ParseFramework(parts.Length > 2 ? string.Join(':', parts.Skip(2)) : null);
            var group = groups.FindIndex(g => g.Framework.Equals(framework));
            if (group < 0)
            {
                groups.Add((framework, new List<PackageDependency>()));
                group = groups.Count - 1;
            }

            if (dependencyId.Length > 0)
            {
                groups[group].Dependencies.Add(new PackageDependency(dependencyId, ParseRange(parts.Length > 1 ? parts[1] : null, dependencyId, display, shownUrl)));
            }
        }

        return groups.Select(g => new PackageDependencyGroup(g.Framework, g.Dependencies)).ToArray();
    }

    private static bool IsNull(XElement element) =>
        string.Equals((string?)element.Attribute(Metadata + "null"), "true", StringComparison.OrdinalIgnoreCase);
}
