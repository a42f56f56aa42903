using System.Management.Automation;
using DepResolve.Engine.Model;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>Turns engine errors into ErrorRecords whose id starts with the engine's stable code.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(DepResolveException exception, object? target, ErrorCategory? category = null) =>
        new(exception, exception.Code.ToString(), category ?? CategoryOf(exception.Code), target ?? exception.Target);

    public static ErrorRecord InvalidInput(string message, object? target, ErrorCategory category = ErrorCategory.InvalidArgument) =>
        From(new DepResolveException(ErrorCode.InvalidInput, message, target?.ToString()), target, category);

    public static ErrorCategory CategoryOf(ErrorCode code) => code switch
    {
        ErrorCode.AnalysisFailed => ErrorCategory.ParserError,
        ErrorCode.PackageNotFound => ErrorCategory.ObjectNotFound,
        ErrorCode.VersionConflict => ErrorCategory.InvalidResult,
        ErrorCode.InstallationFailed => ErrorCategory.NotInstalled,
        ErrorCode.EnvironmentCreationFailed => ErrorCategory.NotInstalled,
        ErrorCode.Timeout => ErrorCategory.OperationTimeout,
        ErrorCode.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorCode.NetworkError => ErrorCategory.ConnectionError,
        ErrorCode.CacheError => ErrorCategory.ResourceUnavailable,
        ErrorCode.DeniedByPolicy => ErrorCategory.SecurityError,
        ErrorCode.HashMismatch => ErrorCategory.SecurityError,
        ErrorCode.InvalidPackage => ErrorCategory.InvalidData,
        ErrorCode.ApprovalDeclined => ErrorCategory.OperationStopped,
        ErrorCode.InvalidInput => ErrorCategory.InvalidArgument,
        ErrorCode.NotAvailable => ErrorCategory.NotImplemented,
        ErrorCode.PathNotFound => ErrorCategory.ObjectNotFound,
        ErrorCode.ScriptFailed => ErrorCategory.OperationStopped,
        ErrorCode.TestFailed => ErrorCategory.InvalidResult,
        _ => ErrorCategory.NotSpecified,
    };
}
