namespace DepResolve.Engine.Model;

/// <summary>The seed's DependencyResolutionResult, for PowerShell.</summary>
public sealed class ResolutionResult
{
    public bool Success { get; set; }

    public IReadOnlyList<ResolvedPackage> ResolvedPackages { get; set; } = Array.Empty<ResolvedPackage>();

    /// <summary>Package ids (with the requirement) that could not be resolved or installed.</summary>
    public IReadOnlyList<string> FailedPackages { get; set; } = Array.Empty<string>();

    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    public TimeSpan ExecutionTime { get; set; }

    public bool CacheHit { get; set; }

    /// <summary>The environment folder, once installed.</summary>
    public string? EnvironmentPath { get; set; }

    public string? EnvironmentId { get; set; }

    /// <summary>The PSModulePath a child process should use for this environment.</summary>
    public string? ModulePath { get; set; }

    /// <summary>Assemblies to preload in the child process.</summary>
    public IReadOnlyList<string> Assemblies { get; set; } = Array.Empty<string>();

    public string Policy { get; set; } = "";

    public string? LockFilePath { get; set; }

    public string? ErrorDetails { get; set; }

    /// <summary>Requirements that modules already installed for the user satisfied (-UseInstalledModules); none were downloaded.</summary>
    public IReadOnlyList<InstalledModule> InstalledModules { get; set; } = Array.Empty<InstalledModule>();

    public ErrorCode? ErrorCode { get; set; }

    /// <summary>The scripts this resolution was made for (full paths); piped to Invoke-ScriptTest, they run in its environment.</summary>
    public IReadOnlyList<string> Scripts { get; set; } = Array.Empty<string>();
}
