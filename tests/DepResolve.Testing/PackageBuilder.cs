using System.IO.Compression;
using System.Security;
using System.Text;
using NuGet.Versioning;

namespace DepResolve.Testing;

/// <summary>
/// Writes real .nupkg files: PowerShell modules shaped like the PowerShell Gallery's (psd1, psm1, gallery tags,
/// OPC entries) and NuGet libraries with tiny Roslyn-compiled assemblies under lib/&lt;tfm&gt;/. Hostile options
/// (raw entries, symlinks, bombs, DTDs, lying nuspecs, corrupt bytes) build the packages the abuse tests need.
/// </summary>
internal sealed partial class PackageBuilder
{
    private const string NuspecNamespace2013 = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

    private readonly List<(string Id, string Range, string? Framework)> _dependencies = new();
    private readonly List<string> _tags = new();
    private readonly List<string> _libraryFrameworks = new();
    private readonly List<RawEntry> _rawEntries = new();
    private ModuleOptions? _module;
    private string _nuspecNamespace = NuspecNamespace2013;
    private string? _description;
    private string _authors = "DepResolve tests";
    private string? _innerId;
    private string? _innerVersion;
    private string? _nuspecOverride;
    private string? _doctype;
    private bool _omitNuspec;
    private byte[]? _corruptBytes;

    private bool _commandTags = true;

    public PackageBuilder(string id, string version)
    {
        Id = id;
        Version = version;
    }

    public string Id { get; }

    /// <summary>The version as written in the nuspec (and, normalized, in the file name).</summary>
    public string Version { get; }

    /// <summary>{Id}.{normalized version}.nupkg, as NuGet names packages.</summary>
    public string FileName => $"{Id}.{NormalizedVersion}.nupkg";

    private string NormalizedVersion => NuGetVersion.TryParse(Version, out var v) ? v.ToNormalizedString() : Version;

    /// <summary>
    /// Makes this a PowerShell module: &lt;Id&gt;.psd1 (ModuleVersion defaults to the package version; pass a different
    /// text, e.g. "2.0.4" for package 2.0.4.0), &lt;Id&gt;.psm1 defining the functions, gallery tags and OPC entries.
    /// Module dependencies (<see cref="DependsOn"/>) also become RequiredModules, as the gallery derives them.
    /// </summary>
    public PackageBuilder AsModule(IEnumerable<string>? functions = null, IEnumerable<string>? cmdlets = null, string? moduleVersion = null, Guid? guid = null)
    {
        _module = new ModuleOptions(
            functions?.ToList() ?? new List<string>(),
            cmdlets?.ToList() ?? new List<string>(),
            moduleVersion ?? Version,
            guid ?? DeterministicGuid(Id));
        return this;
    }

    /// <summary>Makes this a NuGet library with lib/&lt;tfm&gt;/&lt;Id&gt;.dll for each framework (default net8.0).</summary>
    public PackageBuilder AsLibrary(params string[] targetFrameworks)
    {
        _libraryFrameworks.AddRange(targetFrameworks.Length == 0 ? new[] { "net8.0" } : targetFrameworks);
        return this;
    }

    /// <summary>A nuspec dependency; with <paramref name="targetFramework"/> it goes into that framework's group.</summary>
    public PackageBuilder DependsOn(string id, string range, string? targetFramework = null)
    {
        _dependencies.Add((id, range, targetFramework));
        return this;
    }

    public PackageBuilder WithTags(params string[] tags)
    {
        _tags.AddRange(tags);
        return this;
    }

    /// <summary>Only the PSModule tag, as Publish-PSResource to a folder feed and most private feeds write.</summary>
    public PackageBuilder WithoutCommandTags()
    {
        _commandTags = false;
        return this;
    }

    public PackageBuilder WithDescription(string description)
    {
        _description = description;
        return this;
    }

    public PackageBuilder WithAuthors(string authors)
    {
        _authors = authors;
        return this;
    }

    /// <summary>The nuspec's XML namespace (any schema year, or "" for none).</summary>
    public PackageBuilder WithNuspecNamespace(string xmlNamespace)
    {
        _nuspecNamespace = xmlNamespace;
        return this;
    }

    /// <summary>The nuspec inside claims another id and/or version than the file name.</summary>
    public PackageBuilder WithInnerIdentity(string? id = null, string? version = null)
    {
        _innerId = id;
        _innerVersion = version;
        return this;
    }

    /// <summary>Replaces the generated nuspec with this text, verbatim.</summary>
    public PackageBuilder WithRawNuspec(string xml)
    {
        _nuspecOverride = xml;
        return this;
    }

    /// <summary>Puts a DOCTYPE (e.g. one declaring an external entity) before the nuspec's root element.</summary>
    public PackageBuilder WithNuspecDoctype(string doctype)
    {
        _doctype = doctype;
        return this;
    }

    /// <summary>A nuspec whose description is an external entity pointing at <paramref name="fileToRead"/>.</summary>
    public PackageBuilder WithExternalEntity(string fileToRead)
    {
        _doctype = $"<!DOCTYPE package [ <!ENTITY xxe SYSTEM \"{new Uri(fileToRead).AbsoluteUri}\"> ]>";
        _description = "&xxe;";
        return this;
    }

    public PackageBuilder WithoutNuspec()
    {
        _omitNuspec = true;
        return this;
    }

    /// <summary>An extra zip entry with any name (no checks: "../evil.ps1", "/etc/x", "C:/x", "CON.ps1" …).</summary>
    public PackageBuilder WithEntry(string name, byte[] content)
    {
        _rawEntries.Add(new RawEntry(name, content, null, 0));
        return this;
    }

    public PackageBuilder WithEntry(string name, string text) => WithEntry(name, Encoding.UTF8.GetBytes(text));

    /// <summary>A unix symlink entry (mode 0120777) whose content is the link target.</summary>
    public PackageBuilder WithSymlinkEntry(string name, string target)
    {
        _rawEntries.Add(new RawEntry(name, Encoding.UTF8.GetBytes(target), unchecked((int)(0xA1FFu << 16)), 0));
        return this;
    }

    /// <summary>An entry of <paramref name="uncompressedBytes"/> zeros: compresses about a thousandfold.</summary>
    public PackageBuilder WithBombEntry(string name, long uncompressedBytes)
    {
        _rawEntries.Add(new RawEntry(name, null, null, uncompressedBytes));
        return this;
    }

    /// <summary>The "package" is these bytes, not a zip at all (or a truncated one).</summary>
    public PackageBuilder WithCorruptBytes(byte[]? bytes = null)
    {
        _corruptBytes = bytes ?? Encoding.ASCII.GetBytes("PK\u0003\u0004 this is not really a zip archive");
        return this;
    }

    /// <summary>Writes {folder}/{Id}.{Version}.nupkg and returns its path.</summary>
    public string Build(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        File.WriteAllBytes(path, BuildBytes());
        return path;
    }

    /// <summary>
    /// Writes NuGet's hierarchical layout as `nuget add -Source &lt;folder&gt;` does (and the global packages folder holds it):
    /// {root}/{id}/{version}/{id}.{version}.nupkg in lowercase, with .nupkg.sha512 and .nuspec beside it.
    /// </summary>
    public string BuildHierarchical(string root)
    {
        var id = Id.ToLowerInvariant();
        var version = NormalizedVersion.ToLowerInvariant();
        var folder = Path.Combine(root, id, version);
        Directory.CreateDirectory(folder);
        var bytes = BuildBytes();
        var path = Path.Combine(folder, $"{id}.{version}.nupkg");
        File.WriteAllBytes(path, bytes);
        File.WriteAllText(path + ".sha512", Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(bytes)));
        if (!_omitNuspec && _corruptBytes is null)
        {
            File.WriteAllText(Path.Combine(folder, id + ".nuspec"), NuspecText());
        }

        return path;
    }

    public byte[] BuildBytes()
    {
        if (_corruptBytes is not null)
        {
            return _corruptBytes;
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (!_omitNuspec)
            {
                AddText(zip, Id + ".nuspec", NuspecText());
            }

            if (_module is not null)
            {
                AddText(zip, Id + ".psd1", ManifestText(_module));
                AddText(zip, Id + ".psm1", ScriptModuleText(_module));
                AddGalleryEntries(zip);
            }

            foreach (var framework in _libraryFrameworks)
            {
                AddBytes(zip, $"lib/{framework}/{Id}.dll", AssemblyCompiler.Compile(Id, framework));
            }

            foreach (var raw in _rawEntries)
            {
                AddRaw(zip, raw);
            }
        }

        return buffer.ToArray();
    }

    private string NuspecText()
    {
        if (_nuspecOverride is not null)
        {
            return _nuspecOverride;
        }

        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        if (_doctype is not null)
        {
            xml.Append(_doctype).Append('\n');
        }

        xml.Append(_nuspecNamespace.Length == 0 ? "<package>\n" : $"<package xmlns=\"{_nuspecNamespace}\">\n");
        xml.Append("  <metadata>\n");
        xml.Append($"    <id>{Escape(_innerId ?? Id)}</id>\n");
        xml.Append($"    <version>{Escape(_innerVersion ?? Version)}</version>\n");
        xml.Append($"    <authors>{Escape(_authors)}</authors>\n");
        var description = _description ?? $"{Id} test package";
        xml.Append($"    <description>{(description == "&xxe;" ? description : Escape(description))}</description>\n");
        var tags = AllTags();
        if (tags.Count > 0)
        {
            xml.Append($"    <tags>{Escape(string.Join(' ', tags))}</tags>\n");
        }

        AppendDependencies(xml);
        xml.Append("  </metadata>\n</package>\n");
        return xml.ToString();
    }

    private void AppendDependencies(StringBuilder xml)
    {
        if (_dependencies.Count == 0 && _libraryFrameworks.Count == 0)
        {
            return;
        }

        xml.Append("    <dependencies>\n");
        var grouped = _libraryFrameworks.Count > 0 || _dependencies.Any(d => d.Framework is not null);
        if (!grouped)
        {
            foreach (var d in _dependencies)
            {
                xml.Append($"      <dependency id=\"{Escape(d.Id)}\" version=\"{Escape(d.Range)}\" />\n");
            }
        }
        else
        {
            var frameworks = _libraryFrameworks
                .Concat(_dependencies.Where(d => d.Framework is not null).Select(d => d.Framework!))
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var framework in frameworks)
            {
                xml.Append($"      <group targetFramework=\"{Escape(framework)}\">\n");
                foreach (var d in _dependencies.Where(d => d.Framework is null || string.Equals(d.Framework, framework, StringComparison.OrdinalIgnoreCase)))
                {
                    xml.Append($"        <dependency id=\"{Escape(d.Id)}\" version=\"{Escape(d.Range)}\" exclude=\"Build,Analyzers\" />\n");
                }

                xml.Append("      </group>\n");
            }
        }

        xml.Append("    </dependencies>\n");
    }

    private List<string> AllTags()
    {
        var tags = new List<string>(_tags);
        if (_module is not null)
        {
            tags.Add("PSModule");
            if (!_commandTags)
            {
                return tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            }

            tags.AddRange(_module.Functions.Select(f => "PSFunction_" + f));
            tags.AddRange(_module.Cmdlets.Select(c => "PSCmdlet_" + c));
            tags.AddRange(_module.Functions.Concat(_module.Cmdlets).Select(c => "PSCommand_" + c));
            if (_module.Functions.Count > 0)
            {
                tags.Add("PSIncludes_Function");
            }

            if (_module.Cmdlets.Count > 0)
            {
                tags.Add("PSIncludes_Cmdlet");
            }
        }

        return tags.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private string ManifestText(ModuleOptions module)
    {
        var text = new StringBuilder();
        text.Append("@{\n");
        text.Append($"    RootModule = '{Id}.psm1'\n");
        text.Append($"    ModuleVersion = '{module.ModuleVersion}'\n");
        text.Append($"    GUID = '{module.Guid}'\n");
        text.Append($"    Author = '{_authors}'\n");
        text.Append($"    Description = '{Id} test module'\n");
        text.Append("    PowerShellVersion = '5.1'\n");
        var required = _dependencies.Where(d => d.Framework is null).Select(d => RequiredModuleText(d.Id, d.Range)).ToList();
        text.Append(required.Count == 0 ? "    RequiredModules = @()\n" : $"    RequiredModules = @(\n        {string.Join(",\n        ", required)}\n    )\n");
        text.Append($"    FunctionsToExport = @({string.Join(", ", module.Functions.Select(f => $"'{f}'"))})\n");
        text.Append($"    CmdletsToExport = @({string.Join(", ", module.Cmdlets.Select(c => $"'{c}'"))})\n");
        text.Append("    AliasesToExport = @()\n");
        text.Append("    VariablesToExport = @()\n");
        text.Append("    PrivateData = @{ PSData = @{ Tags = @(" + string.Join(", ", _tags.Select(t => $"'{t}'")) + ") } }\n");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The RequiredModules entry the gallery would have turned into this nuspec range.</summary>
    private static string RequiredModuleText(string id, string range)
    {
        if (!VersionRange.TryParse(range, out var parsed) || (parsed.MinVersion is null && parsed.MaxVersion is null))
        {
            return $"'{id}'";
        }

        if (parsed.MinVersion is not null && parsed.MaxVersion is not null && parsed.MinVersion == parsed.MaxVersion)
        {
            return $"@{{ ModuleName = '{id}'; RequiredVersion = '{parsed.MinVersion.ToNormalizedString()}' }}";
        }

        var parts = new List<string> { $"ModuleName = '{id}'" };
        if (parsed.MinVersion is not null)
        {
            parts.Add($"ModuleVersion = '{parsed.MinVersion.ToNormalizedString()}'");
        }

        if (parsed.MaxVersion is not null)
        {
            parts.Add($"MaximumVersion = '{parsed.MaxVersion.ToNormalizedString()}'");
        }

        return "@{ " + string.Join("; ", parts) + " }";
    }

    private static string ScriptModuleText(ModuleOptions module)
    {
        var text = new StringBuilder();
        foreach (var function in module.Functions)
        {
            text.Append($"function {function} {{\n    [CmdletBinding()]\n    param()\n    \"{function} ran\"\n}}\n\n");
        }

        if (module.Functions.Count > 0)
        {
            text.Append($"Export-ModuleMember -Function {string.Join(", ", module.Functions)}\n");
        }

        return text.ToString();
    }

    /// <summary>The Open Packaging Conventions parts every gallery .nupkg carries.</summary>
    private void AddGalleryEntries(ZipArchive zip)
    {
        AddText(zip, "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
            + "<Default Extension=\"psmdcp\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\" />"
            + "<Default Extension=\"nuspec\" ContentType=\"application/octet\" />"
            + "<Default Extension=\"psd1\" ContentType=\"application/octet\" />"
            + "<Default Extension=\"psm1\" ContentType=\"application/octet\" /></Types>");
        var corePropertiesId = DeterministicGuid(Id + "/" + Version).ToString("N");
        AddText(zip, "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + $"<Relationship Type=\"http://schemas.microsoft.com/packaging/2010/07/manifest\" Target=\"/{Id}.nuspec\" Id=\"R1\" />"
            + $"<Relationship Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"/package/services/metadata/core-properties/{corePropertiesId}.psmdcp\" Id=\"R2\" /></Relationships>");
        AddText(zip, $"package/services/metadata/core-properties/{corePropertiesId}.psmdcp",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><coreProperties xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\">"
            + $"<dc:creator>{Escape(_authors)}</dc:creator><dc:identifier>{Escape(Id)}</dc:identifier><version>{Escape(Version)}</version></coreProperties>");
    }

    private static void AddText(ZipArchive zip, string name, string text) => AddBytes(zip, name, Encoding.UTF8.GetBytes(text));

    private static void AddBytes(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static void AddRaw(ZipArchive zip, RawEntry raw)
    {
        var entry = zip.CreateEntry(raw.Name, raw.BombBytes > 0 ? CompressionLevel.SmallestSize : CompressionLevel.Fastest);
        if (raw.ExternalAttributes is int attributes)
        {
            entry.ExternalAttributes = attributes;
        }

        using var stream = entry.Open();
        if (raw.Content is not null)
        {
            stream.Write(raw.Content);
            return;
        }

        var zeros = new byte[64 * 1024];
        for (var left = raw.BombBytes; left > 0; left -= zeros.Length)
        {
            stream.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
        }
    }

    private static Guid DeterministicGuid(string seed)
    {
        var hash = System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(seed));
        return new Guid(hash);
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private sealed record ModuleOptions(List<string> Functions, List<string> Cmdlets, string ModuleVersion, Guid Guid);

    private sealed record RawEntry(string Name, byte[]? Content, int? ExternalAttributes, long BombBytes);
}
