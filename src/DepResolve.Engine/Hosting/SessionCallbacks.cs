namespace DepResolve.Engine.Hosting;

/// <summary>
/// How the engine talks back to its host. Each delegate may be called from any thread; a host that must answer
/// on one thread (PowerShell's pipeline thread) routes them through a <see cref="CallbackPump"/>.
/// </summary>
public sealed record SessionCallbacks
{
    /// <summary>Why each decision was taken (chosen version, module for a command, cache hit).</summary>
    public Action<string>? Verbose { get; init; }

    public Action<string>? Warning { get; init; }

    public Action<ProgressReport>? Progress { get; init; }

    /// <summary>Asked once per package before anything is written; false skips the install (WhatIf, a declined -Confirm).</summary>
    public Func<InstallApproval, bool>? ApproveInstall { get; init; }

    /// <summary>Asked before any other write (a lock file, an environment removal): (target, action) → go ahead?</summary>
    public Func<string, string, bool>? ShouldProcess { get; init; }

    public static SessionCallbacks None { get; } = new();
}

/// <summary>One step of a long operation: a download, an install, a script run.</summary>
public sealed record ProgressReport(string Activity, string Status, int PercentComplete, bool Completed = false)
{
    /// <summary>Groups reports of one activity (a host shows one progress bar per id).</summary>
    public int ActivityId { get; init; }
}

/// <summary>One line of an install plan: what would be written where.</summary>
public sealed record InstallApproval(string PackageId, string Version, string Source, long? Size, string TargetFolder)
{
    /// <summary>The configuration requires approval (requireApproval): a host should ask even when it would not otherwise.</summary>
    public bool ApprovalRequired { get; init; }

    public override string ToString()
    {
        var size = Size is long bytes ? $", {Model.ByteSize.Format(bytes)}" : "";
        return $"{PackageId} {Version} from {Source}{size} into {TargetFolder}";
    }
}
