using DepResolve.Engine.Model;

namespace DepResolve.Engine.Analysis;

/// <summary>
/// A problem found while analysing one file. The message names the file; <see cref="Line"/> is 1-based, 0 when the
/// problem concerns the whole file. Public result type: BCL and engine types only.
/// </summary>
internal sealed record AnalysisDiagnostic(ErrorCode Code, AnalysisSeverity Severity, string Path, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{Severity} {Code}: {Path}:{Line}: {Message}" : $"{Severity} {Code}: {Message}";
}
