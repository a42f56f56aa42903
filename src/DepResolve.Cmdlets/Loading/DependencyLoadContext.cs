using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace DepResolve.Cmdlets.Loading;

/// <summary>
/// The module's private load context: it serves DepResolve.Engine and every assembly in Dependencies/
/// (Roslyn, Newtonsoft.Json, NuGet.*, Polly) so they never clash with the versions pwsh or another module
/// loaded into the default context. Anything not in Dependencies/ (the framework, System.Management.Automation)
/// falls through to the default context. Where the module carries the closure compiled ahead of time for this
/// runtime and platform (<see cref="ReadyToRunFolder"/>), an assembly found there is preferred to the same one in
/// Dependencies/.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyFolder;
    private readonly string? _readyToRunFolder;

    public DependencyLoadContext(string dependencyFolder, string? readyToRunFolder = null)
        : base("DepResolve", isCollectible: false)
    {
        _dependencyFolder = dependencyFolder;
        _readyToRunFolder = readyToRunFolder;
    }

    public string DependencyFolder => _dependencyFolder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = FindAssemblyFile(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    internal string? FindAssemblyFile(AssemblyName assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName.Name))
        {
            return null;
        }

        var fileName = assemblyName.Name + ".dll";
        if (!string.IsNullOrEmpty(assemblyName.CultureName))
        {
            var satellite = Path.Combine(_dependencyFolder, assemblyName.CultureName, fileName);
            return File.Exists(satellite) ? satellite : null;
        }

        if (_readyToRunFolder is not null)
        {
            var compiled = Path.Combine(_readyToRunFolder, fileName);
            if (File.Exists(compiled))
            {
                return compiled;
            }
        }

        // Packages with a Windows-specific implementation (e.g. ProtectedData) publish it under runtimes/win.
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var windowsFolder = Path.Combine(_dependencyFolder, "runtimes", "win", "lib");
            if (Directory.Exists(windowsFolder))
            {
                var windowsSpecific = Directory.EnumerateFiles(windowsFolder, fileName, SearchOption.AllDirectories)
                    .OrderByDescending(p => p, StringComparer.OrdinalIgnoreCase)
                    .FirstOrDefault();
                if (windowsSpecific is not null)
                {
                    return windowsSpecific;
                }
            }
        }

        var path = Path.Combine(_dependencyFolder, fileName);
        return File.Exists(path) ? path : null;
    }
}
