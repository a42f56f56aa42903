namespace DepResolve.Engine.Model;

/// <summary>
/// Stable error codes. Cmdlets put the code at the start of an ErrorRecord's
/// FullyQualifiedErrorId, so renaming one is a breaking change.
/// </summary>
public enum ErrorCode
{
    AnalysisFailed,
    PackageNotFound,
    VersionConflict,
    InstallationFailed,
    EnvironmentCreationFailed,
    Timeout,
    PermissionDenied,
    NetworkError,
    CacheError,
    DeniedByPolicy,
    HashMismatch,
    InvalidPackage,
    ApprovalDeclined,
    /// <summary>Malformed user input: a version range, a lock file, a config file, a parameter value.</summary>
    InvalidInput,
    /// <summary>The feature exists in the cmdlet surface but its engine component is not part of this build.</summary>
    NotAvailable,
    /// <summary>A script, folder or file the user named does not exist (PowerShell's PathNotFound).</summary>
    PathNotFound,
    /// <summary>A script ran and failed: a terminating error, a non-zero exit code, a missing entry point, a missing dependency after the last retry.</summary>
    ScriptFailed,
    /// <summary>Pester ran the tests and at least one test (or a block or container around it) failed.</summary>
    TestFailed,
}
