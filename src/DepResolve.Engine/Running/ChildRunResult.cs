namespace DepResolve.Engine.Running;

/// <summary>The one result document the child writes (JSON, PascalCase names).</summary>
internal sealed class ChildRunResult
{
    public int ProtocolVersion { get; set; }

    /// <summary>The bootstrap reached its end (false or missing: it died before writing a full result).</summary>
    public bool Completed { get; set; }

    public int ExitCode { get; set; }

    /// <summary>EntryPoint mode: whether the function existed after dot-sourcing.</summary>
    public bool? HasEntryPoint { get; set; }

    public ChildPesterResult? Pester { get; set; }

    public List<ChildErrorRecord> Errors { get; set; } = new();
}

internal sealed class ChildPesterResult
{
    public int Passed { get; set; }

    public int Failed { get; set; }

    public int Skipped { get; set; }

    public int FailedBlocks { get; set; }

    public int FailedContainers { get; set; }

    public List<ChildFailedTest> FailedTests { get; set; } = new();
}

internal sealed class ChildFailedTest
{
    public string Name { get; set; } = "";

    public string? Message { get; set; }
}

/// <summary>One PowerShell ErrorRecord, flattened.</summary>
internal sealed class ChildErrorRecord
{
    public string? Message { get; set; }

    public string? FullyQualifiedErrorId { get; set; }

    public string? ExceptionType { get; set; }

    /// <summary>InvocationInfo.PositionMessage ("At /x.ps1:3 char:1 …").</summary>
    public string? PositionMessage { get; set; }

    public string? ScriptStackTrace { get; set; }

    public string? TargetObject { get; set; }

    /// <summary>CategoryInfo.TargetName.</summary>
    public string? CategoryTargetName { get; set; }

    public string? Category { get; set; }

    public bool IsTerminating { get; set; }

    /// <summary>ScriptRequiresException.MissingPSSnapIns (the missing #Requires modules).</summary>
    public List<string> MissingItems { get; set; } = new();
}
