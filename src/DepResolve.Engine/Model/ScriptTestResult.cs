namespace DepResolve.Engine.Model;

/// <summary>The seed's ScriptTestResult, extended for PowerShell runs.</summary>
public sealed class ScriptTestResult
{
    public string ScriptName { get; set; } = "";

    public string Path { get; set; } = "";

    public bool Success { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Why the run failed, as the engine's stable code (TestFailed, ScriptFailed, Timeout, or the resolution's code); null when it succeeded.</summary>
    public ErrorCode? ErrorCode { get; set; }

    public IReadOnlyList<ScriptError> Errors { get; set; } = Array.Empty<ScriptError>();

    public TimeSpan ExecutionTime { get; set; }

    public TimeSpan ResolutionTime { get; set; }

    public int Attempts { get; set; }

    public IReadOnlyList<string> DependenciesAddedOnRetry { get; set; } = Array.Empty<string>();

    public bool? HasEntryPoint { get; set; }

    public int? ExitCode { get; set; }

    public int Passed { get; set; }

    public int Failed { get; set; }

    public int Skipped { get; set; }

    public IReadOnlyList<string> FailedTests { get; set; } = Array.Empty<string>();

    public string? EnvironmentId { get; set; }

    /// <summary>Requirements that modules already installed for the user satisfied (-UseInstalledModules).</summary>
    public IReadOnlyList<InstalledModule> InstalledModules { get; set; } = Array.Empty<InstalledModule>();

    public bool CacheHit { get; set; }

    public string Output { get; set; } = "";

    public bool TimedOut { get; set; }

    /// <summary>Output kept its first bytes only (stdout and stderr are each bounded).</summary>
    public bool OutputTruncated { get; set; }

    /// <summary>How the script ran: Script, EntryPoint, Pester, or CSharp.</summary>
    public string Mode { get; set; } = "";

    /// <summary>C# scripts: the compiled program came from the compilation cache. Null for PowerShell scripts.</summary>
    public bool? CompilationCacheHit { get; set; }

    public override string ToString() => $"{ScriptName}: {(Success ? "passed" : "failed")} after {Attempts} attempt(s)";
}

/// <summary>One error the script raised, as PowerShell reported it.</summary>
public sealed class ScriptError
{
    public string Message { get; set; } = "";

    public string? FullyQualifiedErrorId { get; set; }

    public string? ExceptionType { get; set; }

    public string? ScriptPosition { get; set; }

    /// <summary>The missing thing when the error says one is missing (a command, module or type name).</summary>
    public string? TargetName { get; set; }

    /// <summary>ErrorRecord.TargetObject as text (for CommandNotFoundException: the command name).</summary>
    public string? TargetObject { get; set; }

    /// <summary>ErrorRecord.CategoryInfo.Category, e.g. ObjectNotFound.</summary>
    public string? Category { get; set; }

    public string? ScriptStackTrace { get; set; }

    /// <summary>The error ended the run (a terminating error), rather than being written and passed over.</summary>
    public bool IsTerminating { get; set; }

    /// <summary>#Requires failures: the missing module entries PowerShell listed.</summary>
    public IReadOnlyList<string> MissingItems { get; set; } = Array.Empty<string>();

    public override string ToString() => FullyQualifiedErrorId is null ? Message : $"{FullyQualifiedErrorId}: {Message}";
}
