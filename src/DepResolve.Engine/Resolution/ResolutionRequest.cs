using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;

namespace DepResolve.Engine.Resolution;

/// <summary>What to resolve: the root requirements, the policy and the lock file, if any.</summary>
public sealed record ResolutionRequest
{
    public required IReadOnlyList<PackageRequirement> Requirements { get; init; }

    /// <summary>Null: Locked when <see cref="LockFile"/> is given, Highest otherwise.</summary>
    public ResolutionPolicy? Policy { get; init; }

    public LockFile? LockFile { get; init; }

    /// <summary>
    /// Ignore the lock file's versions and resolve again (with <see cref="Policy"/> when it is not Locked, else the
    /// policy the lock file records, else Highest), so the caller can write a fresh lock file.
    /// </summary>
    public bool UpdateLock { get; init; }

    /// <summary>Prerelease versions everywhere in the graph, not only where a requirement allows them.</summary>
    public bool AllowPrerelease { get; init; }
}
