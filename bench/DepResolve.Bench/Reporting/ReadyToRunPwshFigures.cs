using DepResolve.Bench.Measurement;

namespace DepResolve.Bench.Reporting;

/// <summary>
/// What was measured in the ReadyToRun copy of pwsh (<see cref="ReadyToRunPowerShell"/>) beyond the per-size cmdlet
/// figures: its path, or why it was not measured, and PowerShell's own first call in it.
/// </summary>
public sealed record ReadyToRunPwshFigures(string? Pwsh, string? SkippedBecause, PowerShellFirstCalls? FirstCalls);
