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
    RestoreFigures? Restore)
{
    public double? ColdRatioToRestore => Restore is null ? null : DepResolve.Cold.Milliseconds / Restore.WallMilliseconds;

    public double ColdRatioToLowerBound => DepResolve.Cold.Milliseconds / LowerBound.Milliseconds;
}
