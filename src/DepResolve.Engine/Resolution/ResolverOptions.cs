using NuGet.Frameworks;

namespace DepResolve.Engine.Resolution;

/// <summary>How a <see cref="DependencyResolver"/> works, independent of any one request.</summary>
internal sealed record ResolverOptions
{
    /// <summary>Dependency groups are chosen for this framework (the engine's own: net8.0).</summary>
    public NuGetFramework TargetFramework { get; init; } = DependencyGroupSelector.DefaultTargetFramework;

    /// <summary>Concurrent metadata requests at most.</summary>
    public int MaxParallelism { get; init; } = Configuration.DepResolveOptions.DefaultMaxParallelism;

    /// <summary>
    /// The bound on the search: how many candidate versions may be tried before giving up with a VersionConflict
    /// that says the bound was hit.
    /// </summary>
    public int MaxCandidateAttempts { get; init; } = 200_000;

    /// <summary>
    /// Called while the graph is still being walked with each version the policy will most likely choose for its id
    /// (Highest and Lowest only), so the caller can start downloading it. A guess: the final set may differ. Called
    /// under the resolver's lock, from any thread: it must return at once.
    /// </summary>
    public Action<ResolvedNode>? LikelyChoice { get; init; }

    /// <summary>Which ids each feed may supply; none: an id is taken from the first feed, by priority, that has it.</summary>
    public Configuration.PackageSourceMapping? SourceMapping { get; init; }

    /// <summary>
    /// The NuGet.Config sources among the feeds (by name) and their packageSourceMapping: they are asked only for
    /// library ids (see <see cref="LibraryFeeds"/>). Null: every feed may supply every id.
    /// </summary>
    public LibrarySources? LibrarySources { get; init; }

    /// <summary>
    /// The longest one resolution (every metadata request, retries included, and the search) may take; past it the
    /// outcome is a Timeout naming the request that had not answered. Null: no limit.
    /// </summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>Called from any thread with (answered, asked) metadata requests while the graph is walked.</summary>
    public Action<int, int>? MetadataProgress { get; init; }

    /// <summary>Explains each step (which feed is asked, which version is chosen and why).</summary>
    public Action<string>? Log { get; init; }
}
