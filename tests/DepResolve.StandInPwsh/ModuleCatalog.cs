using System.Text.RegularExpressions;

namespace DepResolve.StandInPwsh;

/// <summary>The modules on the module path: folders &lt;root&gt;/&lt;Name&gt;/&lt;Version&gt;/&lt;Name&gt;.psd1 (or &lt;root&gt;/&lt;Name&gt;/&lt;Name&gt;.psd1).</summary>
internal sealed class ModuleCatalog
{
    private static readonly Regex ExportList = new(@"(?:FunctionsToExport|CmdletsToExport)\s*=\s*(?<list>@\([^)]*\)|'[^']*'(?:\s*,\s*'[^']*')*)", RegexOptions.IgnoreCase);
    private static readonly Regex Quoted = new("'(?<name>[^']*)'|\"(?<name>[^\"]*)\"");

    private readonly List<ModuleInfo> _modules = new();

    public ModuleCatalog(string modulePath)
    {
        foreach (var root in modulePath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var moduleFolder in Directory.EnumerateDirectories(root))
            {
                var name = Path.GetFileName(moduleFolder);
                var manifests = Directory.EnumerateDirectories(moduleFolder)
                    .Select(version => Path.Combine(version, name + ".psd1"))
                    .Append(Path.Combine(moduleFolder, name + ".psd1"))
                    .Where(File.Exists);
                foreach (var manifest in manifests)
                {
                    _modules.Add(ModuleInfo.Read(name, manifest));
                }
            }
        }
    }

    public ModuleInfo? Find(string name) =>
        _modules.FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public ModuleInfo? Exporting(string command) =>
        _modules.FirstOrDefault(m => m.Commands.Contains(command, StringComparer.OrdinalIgnoreCase));

    internal sealed record ModuleInfo(string Name, string ManifestPath, IReadOnlyList<string> Commands, string ScriptModuleText)
    {
        /// <summary>A .psm1 that throws fails on import, like a module whose dependencies are broken.</summary>
        public bool IsBroken => ScriptModuleText.Contains("throw", StringComparison.OrdinalIgnoreCase);

        /// <summary>What "function Name { 'text' }" in the .psm1 returns.</summary>
        public string? Output(string command)
        {
            var match = Regex.Match(ScriptModuleText, @"function\s+" + Regex.Escape(command) + @"\s*\{\s*'(?<text>[^']*)'", RegexOptions.IgnoreCase);
            return match.Success ? match.Groups["text"].Value : null;
        }

        public static ModuleInfo Read(string name, string manifestPath)
        {
            var text = File.ReadAllText(manifestPath);
            var commands = ExportList.Matches(text)
                .SelectMany(m => Quoted.Matches(m.Groups["list"].Value).Select(q => q.Groups["name"].Value))
                .Where(c => c.Length > 0)
                .ToList();
            var psm1 = Path.Combine(Path.GetDirectoryName(manifestPath)!, name + ".psm1");
            return new ModuleInfo(name, manifestPath, commands, File.Exists(psm1) ? File.ReadAllText(psm1) : "");
        }
    }
}
