using System.Xml;
using System.Xml.Linq;
using DepResolve.Engine.Model;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Packaging;

/// <summary>
/// Reads a .nuspec into <see cref="PackageMetadata"/> without trusting it: DTDs are refused (so no entity
/// can be expanded or fetched), nothing is resolved, and the document size is capped. Elements are matched
/// by local name, so every nuspec schema version (and none) reads the same.
/// </summary>
internal static class NuspecReader
{
    /// <summary>Largest nuspec accepted, in characters. Real ones are a few kilobytes.</summary>
    public const long MaxNuspecCharacters = 4 * 1024 * 1024;

    /// <summary>Reads a nuspec from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static PackageMetadata Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, SafeSettings());
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
        {
            throw Invalid(source, $"the nuspec is not readable XML ({ex.Message})", ex);
        }

        return FromDocument(document, source);
    }

    /// <summary>Reads a nuspec from its text; <paramref name="source"/> names it in errors.</summary>
    public static PackageMetadata Parse(string xml, string source)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), SafeSettings());
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw Invalid(source, $"the nuspec is not readable XML ({ex.Message})", ex);
        }

        return FromDocument(document, source);
    }

    /// <summary>Reads a .nuspec file.</summary>
    public static PackageMetadata ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    private static XmlReaderSettings SafeSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxNuspecCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static PackageMetadata FromDocument(XDocument document, string source)
    {
        var package = document.Root;
        if (package is null || package.Name.LocalName != "package")
        {
            throw Invalid(source, "the nuspec has no <package> root element");
        }

        var metadata = Child(package, "metadata") ?? throw Invalid(source, "the nuspec has no <metadata> element");

        var id = Child(metadata, "id")?.Value.Trim();
        if (string.IsNullOrEmpty(id))
        {
            throw Invalid(source, "the nuspec has no <id>");
        }

        if (!PackageIdRules.IsValid(id))
        {
            throw Invalid(source, $"the nuspec's id '{id}' is not a valid package id ({PackageIdRules.Description})");
        }

        var versionText = Child(metadata, "version")?.Value.Trim();
        if (string.IsNullOrEmpty(versionText))
        {
            throw Invalid(source, $"the nuspec of '{id}' has no <version>");
        }

        if (!NuGetVersion.TryParse(versionText, out var version))
        {
            throw Invalid(source, $"the nuspec of '{id}' has an invalid version '{versionText}'");
        }

        return new PackageMetadata
        {
            Id = id,
            Version = version,
            DependencyGroups = ReadDependencyGroups(Child(metadata, "dependencies"), id, source),
            Tags = SplitTags(Child(metadata, "tags")?.Value),
            Description = NullIfEmpty(Child(metadata, "description")?.Value),
            Authors = NullIfEmpty(Child(metadata, "authors")?.Value),
        };
    }

    /// <summary>
    /// As NuGet reads it: when any &lt;group&gt; exists only groups count (a group without targetFramework is
    /// AnyFramework, an empty group is kept because it says "no dependencies for that framework"); otherwise
    /// the flat &lt;dependency&gt; list becomes one AnyFramework group.
    /// </summary>
    private static IReadOnlyList<PackageDependencyGroup> ReadDependencyGroups(XElement? dependencies, string id, string source)
    {
        if (dependencies is null)
        {
            return Array.Empty<PackageDependencyGroup>();
        }

        var groups = dependencies.Elements().Where(e => e.Name.LocalName == "group").ToList();
        if (groups.Count > 0)
        {
            return groups
                .Select(g => new PackageDependencyGroup(ReadFramework(g, id, source), ReadDependencies(g, id, source)))
                .ToList();
        }

        var flat = ReadDependencies(dependencies, id, source);
        return flat.Count == 0
            ? Array.Empty<PackageDependencyGroup>()
            : new[] { new PackageDependencyGroup(NuGetFramework.AnyFramework, flat) };
    }

    private static NuGetFramework ReadFramework(XElement group, string id, string source)
    {
        var text = group.Attribute("targetFramework")?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return NuGetFramework.AnyFramework;
        }

        try
        {
            return NuGetFramework.Parse(text);
        }
        catch (Exception ex) when (ex is ArgumentException or FrameworkException)
        {
            throw Invalid(source, $"the nuspec of '{id}' has an invalid targetFramework '{text}'", ex);
        }
    }

    private static List<PackageDependency> ReadDependencies(XElement parent, string id, string source)
    {
        var result = new List<PackageDependency>();
        foreach (var element in parent.Elements().Where(e => e.Name.LocalName == "dependency"))
        {
            var dependencyId = element.Attribute("id")?.Value.Trim();
            if (string.IsNullOrEmpty(dependencyId))
            {
                throw Invalid(source, $"the nuspec of '{id}' has a dependency without an id");
            }

            var rangeText = element.Attribute("version")?.Value.Trim();
            VersionRange range;
            if (string.IsNullOrEmpty(rangeText))
            {
                range = VersionRange.All;
            }
            else if (!VersionRange.TryParse(rangeText, out range!))
            {
                throw Invalid(source, $"the nuspec of '{id}' has an invalid version range '{rangeText}' for dependency '{dependencyId}'");
            }

            result.Add(new PackageDependency(dependencyId, range));
        }

        return result;
    }

    private static IReadOnlyList<string> SplitTags(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? Array.Empty<string>()
            : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DepResolveException Invalid(string source, string reason, Exception? inner = null) =>
        new(ErrorCode.InvalidPackage, $"Invalid package '{source}': {reason}.", source, inner);
}
