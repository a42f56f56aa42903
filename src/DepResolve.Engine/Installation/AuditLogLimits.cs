using DepResolve.Engine.Configuration;

namespace DepResolve.Engine.Installation;

/// <summary>
/// When audit.log is rotated: once it reaches <see cref="MaxBytes"/> it becomes audit.1.log (the older ones move up
/// to audit.2.log …) and a new audit.log starts; only <see cref="Files"/> rotated logs are kept.
/// </summary>
internal sealed record AuditLogLimits(long MaxBytes, int Files)
{
    public static AuditLogLimits Default { get; } = FromOptions(new DepResolveOptions());

    public static AuditLogLimits FromOptions(DepResolveOptions options) => new(Math.Max(1, options.MaxAuditLogBytes), Math.Max(1, options.AuditLogFiles));
}
