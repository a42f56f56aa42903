using DepResolve.Engine.Configuration;
using DepResolve.Engine.Installation;

namespace DepResolve.Engine.Caching;

/// <summary>How much of its own bookkeeping the cache keeps (depresolve.json: recordTtl, maxResolutionRecords, maxMetadataCacheBytes, maxAuditLogBytes, auditLogFiles).</summary>
internal sealed record HousekeepingLimits
{
    /// <summary>Cached resolutions, feed answers and quarantined entries unused (or kept) for longer are removed.</summary>
    public TimeSpan RecordTtl { get; init; } = TimeSpan.FromDays(30);

    public int MaxResolutionRecords { get; init; } = 1000;

    public long MaxMetadataCacheBytes { get; init; } = 256L << 20;

    public AuditLogLimits AuditLog { get; init; } = AuditLogLimits.Default;

    public static HousekeepingLimits Default { get; } = FromOptions(new DepResolveOptions());

    public static HousekeepingLimits FromOptions(DepResolveOptions options) => new()
    {
        RecordTtl = options.RecordTtl,
        MaxResolutionRecords = Math.Max(0, options.MaxResolutionRecords),
        MaxMetadataCacheBytes = Math.Max(0, options.MaxMetadataCacheBytes),
        AuditLog = AuditLogLimits.FromOptions(options),
    };
}
