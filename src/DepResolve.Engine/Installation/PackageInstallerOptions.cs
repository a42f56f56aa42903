using DepResolve.Engine.Configuration;
using DepResolve.Engine.InstallSafety;
using DepResolve.Engine.Packaging;

namespace DepResolve.Engine.Installation;

/// <summary>How <see cref="PackageInstaller"/> behaves; built from <see cref="DepResolveOptions"/> by the pipeline.</summary>
internal sealed record PackageInstallerOptions
{
    public InstallPolicy Policy { get; init; } = new();

    /// <summary>Install only from the store; a package not in it fails with PackageNotFound naming it.</summary>
    public bool Offline { get; init; }

    /// <summary>
    /// Re-hash every file of a reused store entry (SHA-256 per file) and look for files that were not installed,
    /// instead of hashing only the files whose size or last-write time changed since extraction (-Verify).
    /// </summary>
    public bool FullVerification { get; init; }

    public ExtractionLimits Limits { get; init; } = ExtractionLimits.Default;

    /// <summary>Packages downloaded and extracted at the same time.</summary>
    public int MaxParallelism { get; init; } = DepResolveOptions.DefaultMaxConcurrentDownloads;

    /// <summary>The cmdlets connect this to ShouldProcess/ShouldContinue; asked only when the policy requires approval.</summary>
    public Func<ApprovalRequest, bool>? Approve { get; init; }

    public Action<string>? Log { get; init; }

    /// <summary>Called from any thread as each package of an install is in the store, and once when the environment is being created.</summary>
    public Action<InstallProgress>? Progress { get; init; }

    /// <summary>What the user must hear about (a store entry that failed verification and was installed again); <see cref="Log"/> when null.</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>When the audit log is rotated (maxAuditLogBytes, auditLogFiles).</summary>
    public AuditLogLimits AuditLog { get; init; } = AuditLogLimits.Default;

    /// <summary>Called at each of <see cref="InstallCheckpoints"/>; fault-injection tests crash the process here.</summary>
    public Action<string>? Checkpoint { get; init; }

    public static PackageInstallerOptions FromOptions(DepResolveOptions options) => new()
    {
        Policy = InstallPolicy.FromOptions(options),
        Offline = options.Offline,
        Limits = ExtractionLimits.FromOptions(options),
        MaxParallelism = Math.Max(1, options.MaxConcurrentDownloads),
        AuditLog = AuditLogLimits.FromOptions(options),
    };
}
