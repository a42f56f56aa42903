using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace DepResolve.Cmdlets.Loading;

/// <summary>
/// Runs when PowerShell imports the module: hooks the default context's Resolving event for
/// DepResolve.Engine and DepResolve.PowerShellReader only, and answers it from the private
/// <see cref="DependencyLoadContext"/>. Those two then become the bridge: their own references resolve inside the
/// private context.
/// </summary>
public sealed class ModuleLoadHook : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string EngineAssemblyName = "DepResolve.Engine";

    /// <summary>PowerShell's parser behind the engine's interface: in Dependencies/ so that it is compiled ahead of time with the engine.</summary>
    internal const string ReaderAssemblyName = "DepResolve.PowerShellReader";

    private static readonly string DependencyFolder = Path.GetFullPath(
        Path.Combine(Path.GetDirectoryName(typeof(ModuleLoadHook).Assembly.Location) ?? ".", "Dependencies"));

    private static readonly Lazy<DependencyLoadContext> LoadContext = new(() => new DependencyLoadContext(DependencyFolder, ReadyToRunFolder.Find(DependencyFolder)));

    public void OnImport()
    {
        // Removing first keeps a second Import-Module -Force from registering the handler twice.
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
        AssemblyLoadContext.Default.Resolving += ResolveEngine;
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        AssemblyLoadContext.Default.Resolving -= ResolveEngine;
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
    {
        // Only the module's own two: their names are unique to this module, so answering for them cannot steal
        // another module's load. Everything they reference is served by the private context itself.
        if (!string.Equals(assemblyName.Name, EngineAssemblyName, StringComparison.Ordinal)
            && !string.Equals(assemblyName.Name, ReaderAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        return LoadContext.Value.LoadFromAssemblyName(assemblyName);
    }
}
