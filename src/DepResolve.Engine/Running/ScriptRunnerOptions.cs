namespace DepResolve.Engine.Running;

/// <summary>Machine-level settings of the runner (the cmdlet fills them; every one has a working default).</summary>
internal sealed record ScriptRunnerOptions
{
    /// <summary>The pwsh to start: the cmdlet passes $PSHOME's; null means "pwsh" found on PATH.</summary>
    public string? PowerShellPath { get; init; }

    /// <summary>The dotnet host for C# scripts; null means the running one, else "dotnet" on PATH.</summary>
    public string? DotnetPath { get; init; }

    /// <summary>Where per-run folders (bootstrap, request, result) are made when there is no <see cref="Cache"/>; null means the temp folder.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The cache whose tmp/ holds each run's folder, owned by the run so no cleanup removes it mid-run.</summary>
    public Storage.CacheLayout? Cache { get; init; }

    /// <summary>Where compiled C# scripts are kept, keyed by content hash; null means a folder under the temp folder.</summary>
    public string? CompilationCacheDirectory { get; init; }

    /// <summary>Bytes of stdout and of stderr kept per run.</summary>
    public int MaxOutputBytes { get; init; } = 1024 * 1024;

    /// <summary>The user's module path appended with InheritModulePath; null means this process's PSModulePath.</summary>
    public string? InheritedModulePath { get; init; }

    /// <summary>Verbose log lines (the cmdlet routes them to WriteVerbose on its pipeline thread).</summary>
    public Action<string>? Log { get; init; }

    internal string ResolvedWorkDirectory => WorkDirectory ?? Path.Combine(Path.GetTempPath(), "DepResolve", "runs");

    internal string ResolvedCompilationCacheDirectory => CompilationCacheDirectory ?? Path.Combine(Path.GetTempPath(), "DepResolve", "csharp");
}
