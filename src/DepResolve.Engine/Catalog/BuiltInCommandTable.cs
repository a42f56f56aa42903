using System.Text.Json;

namespace DepResolve.Engine.Catalog;

/// <summary>
/// Commands and default aliases that ship with PowerShell 7.4+ (Resources/builtin-commands.json), for use without a
/// session. A session's own list, when the cmdlet layer passes one, is consulted first and wins.
/// </summary>
internal sealed class BuiltInCommandTable
{
    private static readonly Lazy<BuiltInCommandTable> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, string> commandModules = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> aliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> moduleNames = new(StringComparer.OrdinalIgnoreCase);

    private BuiltInCommandTable()
    {
    }

    public static BuiltInCommandTable Default => Embedded.Value;

    public string PowerShellVersion { get; private set; } = "";

    public bool IsBuiltInModule(string moduleName) => moduleNames.Contains(moduleName);

    /// <summary>The module of a built-in command or alias; for an alias, also the command it stands for.</summary>
    public bool TryFind(string name, out string moduleName, out string? aliasTarget)
    {
        aliasTarget = null;
        if (commandModules.TryGetValue(name, out moduleName!))
        {
            return true;
        }

        if (aliases.TryGetValue(name, out var target) && commandModules.TryGetValue(target, out moduleName!))
        {
            aliasTarget = target;
            return true;
        }

        moduleName = "";
        return false;
    }

    private static BuiltInCommandTable LoadEmbedded()
    {
        using var document = EmbeddedJson.Load("builtin-commands.json");
        var json = document.RootElement;
        var table = new BuiltInCommandTable
        {
            PowerShellVersion = json.TryGetProperty("powerShellVersion", out var version) && version.ValueKind == JsonValueKind.String ? version.GetString()! : "",
        };
        foreach (var module in json.GetProperty("modules").EnumerateObject())
        {
            table.moduleNames.Add(module.Name);
            foreach (var command in module.Value.EnumerateArray())
            {
                table.commandModules.TryAdd(command.GetString()!, module.Name);
            }
        }

        foreach (var alias in json.GetProperty("aliases").EnumerateObject())
        {
            table.aliases[alias.Name] = alias.Value.GetString()!;
        }

        return table;
    }
}
