using DepResolve.Engine.Model;

namespace DepResolve.Engine.Resolution;

/// <summary>The resolver's full answer (engine types); <see cref="ToResult"/> gives the public, string-only result.</summary>
internal sealed class ResolutionOutcome
{
    public required ResolutionPolicy Policy { get; init; }

    /// <summary>Sorted by id; empty when the resolution failed.</summary>
    public IReadOnlyList<ResolvedNode> Packages { get; init; } = Array.Empty<ResolvedNode>();

    public IReadOnlyList<ResolutionConflict> Conflicts { get; init; } = Array.Empty<ResolutionConflict>();

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>The lock file the request carried, when it was read from a file.</summary>
    public string? LockFilePath { get; init; }

    /// <summary>Why the resolution failed; null on success.</summary>
    public DepResolveException? Error { get; init; }

    public bool Success => Error is null;

    /// <summary>One per feed that could not be asked (also in <see cref="Warnings"/>): the answer may differ once it is back.</summary>
    public IReadOnlyList<string> FeedWarnings { get; init; } = Array.Empty<string>();

    public TimeSpan ExecutionTime { get; init; }

    /// <summary>Metadata requests sent to feeds (one per feed and id at most).</summary>
    public int MetadataRequests { get; init; }

    /// <summary>Candidate versions the search tried.</summary>
    public int CandidateAttempts { get; init; }

    /// <summary>The failed requirements, e.g. "Az.Accounts [3.0.0, ) vs Az.Accounts [2.0.0, 3.0.0)".</summary>
    public IReadOnlyList<string> FailedPackages { get; init; } = Array.Empty<string>();

    public ResolutionResult ToResult() => new()
    {
        Success = Success,
        ResolvedPackages = Packages.Select(p => p.ToResolvedPackage()).ToList(),
        FailedPackages = FailedPackages,
        Warnings = Warnings,
        ExecutionTime = ExecutionTime,
        Policy = Policy.ToString(),
        LockFilePath = LockFilePath,
        ErrorDetails = Error?.Message,
        ErrorCode = Error?.Code,
    };
}
