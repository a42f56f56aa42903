namespace DepResolve.Engine.Hosting;

/// <summary>How to resolve a set of dependencies. Strings and BCL types only.</summary>
public sealed record ResolveRequest
{
    /// <summary>The script the dependencies came from: names the requester, locates the lock file and config.</summary>
    public string? ScriptPath { get; init; }

    /// <summary>Null: depresolve.lock.json next to the script when there is one.</summary>
    public string? LockFile { get; init; }

    /// <summary>Write (or rewrite) the lock file from this resolution.</summary>
    public bool UpdateLock { get; init; }

    /// <summary>Resolve only: nothing is downloaded or installed.</summary>
    public bool NoInstall { get; init; }

    /// <summary>
    /// The package ids of the run's previous attempt, when a retry resolves again: what this resolution adds to them
    /// was revealed by the run and is recorded as such in the script's lock file section.
    /// </summary>
    public IReadOnlyCollection<string>? EarlierAttempt { get; init; }

    /// <summary>An intermediate resolution (the declared modules, before their exports are credited): no lock file is written.</summary>
    internal bool SkipLockFile { get; init; }
}

/// <summary>What Invoke-ScriptTest asks: run a script, an entry point, or Pester tests, in a resolved environment.</summary>
public sealed record ScriptTestRequest
{
    public required string Path { get; init; }

    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    public string? EntryPoint { get; init; }

    /// <summary>Pester tests to run; null finds the sibling &lt;name&gt;.Tests.ps1 when there is one.</summary>
    public string? TestPath { get; init; }

    /// <summary>NUnitXml or JUnitXml; null writes no report.</summary>
    public string? OutputFormat { get; init; }

    public string? OutputPath { get; init; }

    public int MaxRetry { get; init; } = 1;

    /// <summary>Null: runTimeout from depresolve.json, else 300 s.</summary>
    public TimeSpan? Timeout { get; init; }

    public bool InheritModulePath { get; init; }

    /// <summary>Null: depresolve.lock.json next to the script.</summary>
    public string? LockFile { get; init; }

    /// <summary>An environment already resolved (piped from Resolve-ScriptDependency); the first resolution is skipped.</summary>
    public Model.ResolutionResult? Environment { get; init; }

    /// <summary>The pwsh executable that hosts the module ($PSHOME); children run with the same one.</summary>
    public string? PowerShellPath { get; init; }
}
