using DepResolve.Engine.Model;

namespace DepResolve.Engine.Running;

/// <summary>What a run sees of an installed environment: module folders for PSModulePath and assemblies to preload.</summary>
internal sealed class RunEnvironment
{
    public static RunEnvironment Empty { get; } = new();

    /// <summary>Folders holding &lt;Name&gt;/&lt;Version&gt;/ module layouts, in PSModulePath order.</summary>
    public IReadOnlyList<string> ModulePaths { get; init; } = Array.Empty<string>();

    /// <summary>Assembly files: preloaded in a PowerShell child, referenced and copied for a C# script.</summary>
    public IReadOnlyList<string> Assemblies { get; init; } = Array.Empty<string>();

    public string? EnvironmentId { get; init; }

    public bool CacheHit { get; init; }

    /// <summary>Requirements satisfied by modules the user already has; their PSModulePath entries are in <see cref="ModulePaths"/>.</summary>
    public IReadOnlyList<InstalledModule> InstalledModules { get; init; } = Array.Empty<InstalledModule>();

    /// <summary>The environment a resolution produced (its ModulePath is split on the platform's path separator).</summary>
    public static RunEnvironment FromResolution(ResolutionResult resolution) => new()
    {
        ModulePaths = string.IsNullOrEmpty(resolution.ModulePath)
            ? Array.Empty<string>()
            : resolution.ModulePath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
        Assemblies = resolution.Assemblies,
        EnvironmentId = resolution.EnvironmentId,
        CacheHit = resolution.CacheHit,
        InstalledModules = resolution.InstalledModules,
    };
}
