namespace DepResolve.Engine.Analysis.PowerShell;

internal enum ScriptAnalysisWarningKind
{
    /// <summary>The file has parse errors; the message lists them as <c>file:line:column: message</c>.</summary>
    AnalysisFailed,

    /// <summary>A module, script, assembly or type name is not a constant: reported as dynamic, never guessed.</summary>
    DynamicDependency,

    /// <summary>Dot-sourced or called scripts form a cycle; each file was read once.</summary>
    ScriptCycle,

    /// <summary>A referenced script or module file does not exist or cannot be read.</summary>
    ReferencedFileUnreadable,

    /// <summary>A version constraint could not be read (e.g. RequiredVersion with MaximumVersion).</summary>
    InvalidVersion,
}

/// <summary>Something the reader could not fully understand; the cmdlet shows it with WriteWarning.</summary>
internal sealed record ScriptAnalysisWarning(ScriptAnalysisWarningKind Kind, string Message, string? Path, int Line)
{
    public override string ToString() => Message;
}
