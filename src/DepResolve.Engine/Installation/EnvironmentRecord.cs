using Newtonsoft.Json;

namespace DepResolve.Engine.Installation;

/// <summary>
/// envs/&lt;id&gt;/environment.json. Paths are relative to the cache root with '/' separators, so a cache
/// folder can be moved. The base environment's entries are copied in (flattened), so removing the base later
/// never breaks an environment that extends it.
/// </summary>
internal sealed class EnvironmentRecord
{
    [JsonProperty("format")]
    public int Format { get; set; } = 1;

    [JsonProperty("id")]
    public string Id { get; set; } = "";

    [JsonProperty("baseEnvironmentId")]
    public string? BaseEnvironmentId { get; set; }

    [JsonProperty("packages")]
    public List<EnvironmentPackageRecord> Packages { get; set; } = new();

    [JsonProperty("modulePathEntries")]
    public List<string> ModulePathEntries { get; set; } = new();

    [JsonProperty("assemblies")]
    public List<string> Assemblies { get; set; } = new();

    [JsonProperty("storeEntries")]
    public List<string> StoreEntries { get; set; } = new();

    [JsonProperty("createdUtc")]
    public DateTime CreatedUtc { get; set; }
}

internal sealed class EnvironmentPackageRecord
{
    [JsonProperty("id")]
    public string Id { get; set; } = "";

    [JsonProperty("version")]
    public string Version { get; set; } = "";

    [JsonProperty("source")]
    public string Source { get; set; } = "";

    [JsonProperty("sha512")]
    public string Sha512 { get; set; } = "";

    [JsonProperty("isPowerShellModule")]
    public bool IsPowerShellModule { get; set; }

    [JsonProperty("storeEntry")]
    public string StoreEntry { get; set; } = "";

    [JsonProperty("fromBase")]
    public bool FromBase { get; set; }
}
