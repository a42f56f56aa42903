using DepResolve.Engine.Catalog;

namespace DepResolve.Engine.Analysis.PowerShell;

/// <summary>
/// What ships with PowerShell 7.4+, for the reader when no session list is given. One list serves the reader and
/// the mapper: the embedded table in Catalog/Resources/builtin-commands.json.
/// </summary>
internal static class CorePowerShellCommands
{
    /// <summary>Whether the module ships with PowerShell 7.4 (under $PSHOME/Modules).</summary>
    public static bool IsCoreModule(string moduleName) => BuiltInCommandTable.Default.IsBuiltInModule(moduleName);

    /// <summary>Whether the name is a command or default alias that ships with PowerShell.</summary>
    public static bool Contains(string commandName) => BuiltInCommandTable.Default.TryFind(commandName, out _, out _);
}
