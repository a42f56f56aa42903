using DepResolve.Bench.Measurement;

namespace DepResolve.Bench.Reporting;

/// <summary>Everything measured for one generated feed.</summary>
public sealed record SizeResult(
    int PackageCount,
    int Depth,
    int Roots,
    int Repeats,
    long DownloadBytes,
    LowerBound LowerBound,
    DepResolveFigures DepResolve,
    RestoreFigures? Restore,
    CmdletFigures? Cmdlets = null,
    CmdletFigures? ReadyToRunCmdlets = null)
{
    /// <summary>Resolve-ScriptDependency's own time, cold, against dotnet restore's wall time.</summary>
    public double? CmdletColdRatioToRestore => Restore is null || Cmdlets is null ? null : Cmdlets.Cold.CmdletMilliseconds / Restore.WallMilliseconds;

    /// <summary>A cold install with the committed lock file against one without it (both inside the cmdlet).</summary>
    public double? LockedToUnlockedCold => Cmdlets is null ? null : Cmdlets.LockedCold.CmdletMilliseconds / Cmdlets.Cold.CmdletMilliseconds;

    public double? ColdRatioToRestore => Restore is null ? null : DepResolve.Cold.Milliseconds / Restore.WallMilliseconds;

    public double ColdRatioToLowerBound => DepResolve.Cold.Milliseconds / LowerBound.Milliseconds;
}
