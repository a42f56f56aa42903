using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Catalog;

/// <summary>
/// Types that a PowerShell script uses and that come from an assembly a module ships (Resources/module-types.json):
/// [OfficeOpenXml.ExcelPackage] -> ImportExcel, ADAL types -> AzureAD, [Amazon.EC2.Model.Tag] -> AWS.Tools.EC2,
/// [VMware.Vim.VirtualMachine] -> VMware.VimAutomation.Core; and namespaces of assemblies pwsh ships in $PSHOME
/// (Newtonsoft.Json), which are satisfied by pwsh. Longest namespace prefix wins.
/// </summary>
internal sealed class ModuleTypeTable
{
    private static readonly Lazy<ModuleTypeTable> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, string> modules;
    private readonly Dictionary<string, string> builtIn;

    private ModuleTypeTable(IReadOnlyDictionary<string, string> modules, IEnumerable<string> builtIn)
    {
        this.modules = new Dictionary<string, string>(modules, StringComparer.OrdinalIgnoreCase);
        this.builtIn = builtIn.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);
    }

    public static ModuleTypeTable Default => Embedded.Value;

    public bool TryFindModule(string typeOrNamespace, out string matchedPrefix, out string module) =>
        NamespacePackageTable.TryFindLongestPrefix(modules, typeOrNamespace, out matchedPrefix, out module);

    public bool IsShippedWithPowerShell(string typeOrNamespace, out string matchedPrefix) =>
        NamespacePackageTable.TryFindLongestPrefix(builtIn, typeOrNamespace, out matchedPrefix, out _);

    private static ModuleTypeTable LoadEmbedded()
    {
        using var document = EmbeddedJson.Load("module-types.json");
        var json = document.RootElement;
        return new ModuleTypeTable(EmbeddedJson.StringMap(json.GetProperty("modules")), RecordJson.StringsOf(json.GetProperty("builtIn")));
    }
}
