using System.Text.Json.Serialization;

namespace DepResolve.Engine.Installation;

/// <summary>
/// entry.json of one store entry, written last before the entry is renamed into place. Paths are relative
/// to the entry folder, with '/' separators.
/// </summary>
internal sealed class StoreEntryManifest
{
    public const int CurrentFormat = 1;

    [JsonPropertyName("format")]
    public int Format { get; set; } = CurrentFormat;

    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("version")]
    public string Version { get; set; } = "";

    /// <summary>SHA-512 of the .nupkg, base64.</summary>
    [JsonPropertyName("sha512")]
    public string Sha512 { get; set; } = "";

    [JsonPropertyName("source")]
    public string Source { get; set; } = "";

    /// <summary>"module" or "library".</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("moduleName")]
    public string? ModuleName { get; set; }

    [JsonPropertyName("moduleVersion")]
    public string? ModuleVersion { get; set; }

    /// <summary>The lib/&lt;tfm&gt; folder chosen for net8.0 (short folder name), for libraries.</summary>
    [JsonPropertyName("framework")]
    public string? Framework { get; set; }

    /// <summary>Folders to put on PSModulePath (for modules: "content").</summary>
    [JsonPropertyName("modulePathEntries")]
    public List<string> ModulePathEntries { get; set; } = new();

    [JsonPropertyName("assemblies")]
    public List<string> Assemblies { get; set; } = new();

    /// <summary>Every content file with its size and SHA-256 (hex), for verification.</summary>
    [JsonPropertyName("files")]
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public SortedDictionary<string, StoreFileRecord> Files { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("packageSize")]
    public long PackageSize { get; set; }

    [JsonPropertyName("installedUtc")]
    public DateTime InstalledUtc { get; set; }
}

internal sealed class StoreFileRecord
{
    [JsonPropertyName("size")]
    public long Size { get; set; }

    [JsonPropertyName("sha256")]
    public string Sha256 { get; set; } = "";

    /// <summary>
    /// The file's last-write time (UTC ticks) as extracted: with <see cref="Size"/> the cheap fingerprint checked on
    /// every use. When either differs the file is hashed again; null (entries from before it was recorded) counts
    /// as differing once, after which the fingerprint is recorded.
    /// </summary>
    [JsonPropertyName("mtime")]
    public long? ModifiedTicks { get; set; }
}
