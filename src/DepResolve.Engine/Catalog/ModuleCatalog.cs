using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Catalog;

/// <summary>
/// The curated catalog of gallery module commands (Resources/module-catalog.json): command -> module, the commands
/// several modules export (first = default choice), and modules that no feed can install (Windows features).
/// </summary>
internal sealed class ModuleCatalog
{
    private static readonly Lazy<ModuleCatalog> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, string> commandModules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string[]> sharedCommands = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> notInstallableReasons = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> notInstallableCommands = new(StringComparer.OrdinalIgnoreCase);

    private ModuleCatalog()
    {
    }

    public static ModuleCatalog Default => Embedded.Value;

    public int CommandCount => commandModules.Count;

    public bool TryFindModule(string command, out string module) => commandModules.TryGetValue(command, out module!);

    /// <summary>All modules known to export <paramref name="command"/>, default choice first; empty when only one does.</summary>
    public IReadOnlyList<string> ModulesSharing(string command) =>
        sharedCommands.TryGetValue(command, out var modules) ? modules : Array.Empty<string>();

    /// <summary>
    /// Why <paramref name="module"/> cannot come from a feed, as a predicate ("ships with Windows (RSAT feature), not
    /// installable from a gallery"); null when it can.
    /// </summary>
    public string? NotInstallableReason(string module) => notInstallableReasons.GetValueOrDefault(module);

    public bool TryFindNotInstallableCommand(string command, out string module) => notInstallableCommands.TryGetValue(command, out module!);

    private static ModuleCatalog LoadEmbedded()
    {
        var json = EmbeddedJson.Load("module-catalog.json");
        var catalog = new ModuleCatalog();
        foreach (var module in ((JObject)json["modules"]!).Properties())
        {
            foreach (var command in module.Value.Values<string>())
            {
                catalog.commandModules.TryAdd(command!, module.Name);
            }
        }

        foreach (var shared in ((JObject)json["sharedCommands"]!).Properties().Where(p => p.Value is JArray))
        {
            catalog.sharedCommands[shared.Name] = shared.Value.Values<string>().Select(m => m!).ToArray();
        }

        foreach (var module in ((JObject)json["notOnGallery"]!).Properties().Where(p => p.Value is JObject))
        {
            catalog.notInstallableReasons[module.Name] = (string)module.Value["reason"]!;
            foreach (var command in module.Value["commands"]!.Values<string>())
            {
                catalog.notInstallableCommands.TryAdd(command!, module.Name);
            }
        }

        return catalog;
    }
}
