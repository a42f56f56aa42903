using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;

namespace DepResolve.Engine.Resolution;

/// <summary>What to resolve: the root requirements, the policy and the lock file, if any.</summary>
internal sealed record ResolutionRequest
{
    public required IReadOnlyList<PackageRequirement> Requirements { get; init; }

    /// <summary>
    /// Null: the versions <see cref="LockFile"/> pins are kept where they still satisfy the requirements, and what they
    /// do not cover is resolved with the policy the lock recorded (Highest without a lock). Highest, Lowest or Minimal:
    /// every version is chosen by that policy, whatever the lock pins. Locked: as <see cref="LockedMode"/>.
    /// </summary>
    public ResolutionPolicy? Policy { get; init; }

    /// <summary>The script's section of the lock file, if any.</summary>
    public LockFile? LockFile { get; init; }

    /// <summary>
    /// Fail with VersionConflict, naming what would change, unless <see cref="LockFile"/> already holds exactly the
    /// set the requirements need (no package added, removed or changed), like npm ci or NuGet's locked mode.
    /// </summary>
    public bool LockedMode { get; init; }

    /// <summary>
    /// Ignore the lock file's versions and resolve again (with <see cref="Policy"/> when it is not Locked, else the
    /// policy the lock file records, else Highest), so the caller can write a fresh lock file.
    /// </summary>
    public bool UpdateLock { get; init; }

    /// <summary>Prerelease versions everywhere in the graph, not only where a requirement allows them.</summary>
    public bool AllowPrerelease { get; init; }
}
