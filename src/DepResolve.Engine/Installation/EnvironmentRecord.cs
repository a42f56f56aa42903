using System.Text.Json.Serialization;

namespace DepResolve.Engine.Installation;

/// <summary>
/// envs/&lt;id&gt;/environment.json. Paths are relative to the cache root with '/' separators, so a cache
/// folder can be moved. The base environment's entries are copied in (flattened), so removing the base later
/// never breaks an environment that extends it.
/// </summary>
internal sealed class EnvironmentRecord
{
    [JsonPropertyName("format")]
    public int Format { get; set; } = 1;

    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("baseEnvironmentId")]
    public string? BaseEnvironmentId { get; set; }

    [JsonPropertyName("packages")]
    public List<EnvironmentPackageRecord> Packages { get; set; } = new();

    [JsonPropertyName("modulePathEntries")]
    public List<string> ModulePathEntries { get; set; } = new();

    [JsonPropertyName("assemblies")]
    public List<string> Assemblies { get; set; } = new();

    [JsonPropertyName("storeEntries")]
    public List<string> StoreEntries { get; set; } = new();

    [JsonPropertyName("createdUtc")]
    public DateTime CreatedUtc { get; set; }
}

internal sealed class EnvironmentPackageRecord
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("version")]
    public string Version { get; set; } = "";

    [JsonPropertyName("source")]
    public string Source { get; set; } = "";

    [JsonPropertyName("sha512")]
    public string Sha512 { get; set; } = "";

    [JsonPropertyName("isPowerShellModule")]
    public bool IsPowerShellModule { get; set; }

    [JsonPropertyName("storeEntry")]
    public string StoreEntry { get; set; } = "";

    [JsonPropertyName("fromBase")]
    public bool FromBase { get; set; }
}
