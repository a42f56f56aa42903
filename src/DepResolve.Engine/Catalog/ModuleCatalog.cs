using System.Text.Json;
using DepResolve.Engine.Storage;

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
        using var document = EmbeddedJson.Load("module-catalog.json");
        var json = document.RootElement;
        var catalog = new ModuleCatalog();
        foreach (var module in json.GetProperty("modules").EnumerateObject())
        {
            foreach (var command in module.Value.EnumerateArray())
            {
                catalog.commandModules.TryAdd(command.GetString()!, module.Name);
            }
        }

        // Both sections also hold a "description" string beside their entries.
        foreach (var shared in json.GetProperty("sharedCommands").EnumerateObject())
        {
            if (shared.Value.ValueKind == JsonValueKind.Array)
            {
                catalog.sharedCommands[shared.Name] = RecordJson.StringsOf(shared.Value).ToArray();
            }
        }

        foreach (var module in json.GetProperty("notOnGallery").EnumerateObject())
        {
            if (module.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            catalog.notInstallableReasons[module.Name] = module.Value.GetProperty("reason").GetString()!;
            foreach (var command in module.Value.GetProperty("commands").EnumerateArray())
            {
                catalog.notInstallableCommands.TryAdd(command.GetString()!, module.Name);
            }
        }

        return catalog;
    }
}
