using DepResolve.Engine.Storage;
using NuGet.Versioning;

namespace DepResolve.Engine.Mapping;

/// <summary>
/// The commands exported by every module version DepResolve has installed into this cache (commands.json in the
/// cache root), so that later scripts map a command to a module offline and without feed tags. A cache, not a
/// contract: a missing or unreadable file is an empty index, and a lost update is re-learnt at the next install.
/// </summary>
internal sealed class CommandIndex
{
    private const int FormatVersion = 1;
    private readonly string _path;
    private readonly Dictionary<string, ModuleExports> _modules;

    private CommandIndex(string path, Dictionary<string, ModuleExports> modules)
    {
        _path = path;
        _modules = modules;
    }

    public static string FileFor(CacheLayout layout) => Path.Combine(layout.Root, "commands.json");

    public static CommandIndex Load(CacheLayout layout)
    {
        var path = FileFor(layout);
        var file = CommandIndexFile.TryRead(path);
        var modules = new Dictionary<string, ModuleExports>(StringComparer.OrdinalIgnoreCase);
        if (file is { Format: FormatVersion } read)
        {
            foreach (var module in read.Modules.Where(m => !string.IsNullOrEmpty(m.Module) && !string.IsNullOrEmpty(m.Version)))
            {
                modules[Key(module.Module, module.Version)] = module;
            }
        }

        return new CommandIndex(path, modules);
    }

    public int Count => _modules.Count;

    public bool Contains(string module, string version) => _modules.ContainsKey(Key(module, version));

    /// <summary>The exports of one module version, when indexed.</summary>
    public ModuleExports? Find(string module, string version) => _modules.GetValueOrDefault(Key(module, version));

    /// <summary>The newest indexed version of <paramref name="module"/>, when any is indexed.</summary>
    public ModuleExports? FindNewest(string module) =>
        _modules.Values.Where(m => string.Equals(m.Module, module, StringComparison.OrdinalIgnoreCase)).MaxBy(m => Version(m.Version));

    /// <summary>The modules that export <paramref name="command"/>, each once (its newest indexed version), ordered by name.</summary>
    public IReadOnlyList<ModuleExports> FindExporters(string command) =>
        _modules.Values
            .Where(m => m.Exports(command))
            .GroupBy(m => m.Module, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(m => Version(m.Version))!)
            .OrderBy(m => m.Module, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>
    /// Indexes the modules under each module-path entry that are not indexed yet and saves the file when anything
    /// was added. Returns what the entries export (indexed or just read).
    /// </summary>
    public IReadOnlyList<ModuleExports> Learn(IEnumerable<string> modulePathEntries, Action<string>? log = null)
    {
        var seen = new List<ModuleExports>();
        var added = 0;
        foreach (var entry in modulePathEntries)
        {
            foreach (var (name, version, folder) in ModuleFolders(entry))
            {
                if (_modules.TryGetValue(Key(name, version), out var known))
                {
                    seen.Add(known);
                    continue;
                }

                if (ModuleExportReader.ReadModuleFolder(name, version, folder) is { } exports)
                {
                    _modules[Key(name, version)] = exports;
                    seen.Add(exports);
                    added++;
                }
            }
        }

        if (added > 0)
        {
            Save(log);
        }

        return seen;
    }

    private static IEnumerable<(string Name, string Version, string Folder)> ModuleFolders(string entry)
    {
        if (!Directory.Exists(entry))
        {
            yield break;
        }

        foreach (var moduleFolder in Directory.EnumerateDirectories(entry))
        {
            foreach (var versionFolder in Directory.EnumerateDirectories(moduleFolder))
            {
                yield return (Path.GetFileName(moduleFolder), Path.GetFileName(versionFolder), versionFolder);
            }
        }
    }

    private void Save(Action<string>? log)
    {
        try
        {
            // Another process may have learnt other modules meanwhile: keep theirs too.
            foreach (var (key, module) in Load(new CacheLayout(Path.GetDirectoryName(_path)!))._modules)
            {
                _modules.TryAdd(key, module);
            }

            var modules = _modules.Values.OrderBy(m => m.Module, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Version, StringComparer.OrdinalIgnoreCase);
            AtomicFile.WriteAllText(_path, CommandIndexFile.Write(FormatVersion, modules));
        }
        catch (Model.DepResolveException e)
        {
            log?.Invoke($"The command index was not saved: {e.Message}");
        }
    }

    private static NuGetVersion Version(string text) => NuGetVersion.TryParse(text, out var v) ? v : new NuGetVersion(0, 0, 0);

    private static string Key(string module, string version) =>
        module.ToLowerInvariant() + " " + (NuGetVersion.TryParse(version, out var v) ? v.ToNormalizedString() : version);
}
