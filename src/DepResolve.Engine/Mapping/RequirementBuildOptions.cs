namespace DepResolve.Engine.Mapping;

internal sealed record RequirementBuildOptions
{
    /// <summary>
    /// Make optional dependencies (an import inside try/catch, or guarded by Get-Module -ListAvailable) roots too.
    /// Off by default: the script runs without them by design, and installing them would only slow the run down.
    /// </summary>
    public bool IncludeOptional { get; init; }

    /// <summary>
    /// Make conditional dependencies (under <c>if ($IsWindows)</c> and the like) roots. On by default: one
    /// resolution and one lock file serve every platform the script runs on, so what any branch needs is included.
    /// </summary>
    public bool IncludeConditional { get; init; } = true;

    /// <summary>Printed at the start of conflict paths; default: the file name of the first dependency's script.</summary>
    public string? RequestedBy { get; init; }
}
