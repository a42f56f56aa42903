using System.Diagnostics;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Resolves root requirements into exactly one version per package id across the whole graph (PowerShell loads one
/// version of a module per session), under a policy: Highest, Lowest, Minimal (Go's MVS) or Locked. Conflicts are
/// searched around with bounded backtracking and, when nothing fits, explained as paths from the roots.
/// </summary>
internal sealed class DependencyResolver
{
    private readonly IReadOnlyList<IPackageFeed> _feeds;
    private readonly ResolverOptions _options;

    /// <param name="feeds">In priority order: an id comes from the first feed that has it (or as the source mapping says).</param>
    public DependencyResolver(IReadOnlyList<IPackageFeed> feeds, ResolverOptions? options = null)
    {
        _feeds = feeds;
        _options = options ?? new ResolverOptions();
    }

    /// <summary>
    /// Never throws for resolution failures (unknown package, conflict, stale lock, feed errors): the outcome carries
    /// the error. Throws only OperationCanceledException.
    /// </summary>
    public async Task<ResolutionOutcome> ResolveAsync(ResolutionRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.Deadline is { } limit && limit > TimeSpan.Zero && limit < TimeSpan.FromDays(1))
        {
            deadline.CancelAfter(limit);
        }

        var lockedMode = request.LockedMode || request.Policy == ResolutionPolicy.Locked;
        var section = request.LockFile;
        var policy = request.UpdateLock ? PolicySelector.ForUpdate(request.Policy, section) : PolicySelector.Choose(request.Policy, section, lockedMode);
        var warnings = new List<string>();
        PackageMetadataProvider? provider = null;
        SolverResult? solved = null;

        try
        {
            ValidateRequirements(request.Requirements);
            if (request.UpdateLock && lockedMode)
            {
                throw new DepResolveException(ErrorCode.InvalidInput, "UpdateLock rewrites the lock file and locked mode forbids changing it: use one or the other.");
            }

            IReadOnlyDictionary<string, NuGetVersion>? kept = null;
            if (policy == ResolutionPolicy.Locked)
            {
                if (section is null)
                {
                    throw new DepResolveException(ErrorCode.InvalidInput, "Locked mode needs a lock file; none was found or given.");
                }

                IReadOnlyList<string> unused = [];
                DepResolveException? stale = null;
                IReadOnlyList<ResolvedNode>? locked = null;
                try
                {
                    locked = LockedSelection.Select(section, request.Requirements, request.AllowPrerelease, out unused);
                }
                catch (DepResolveException e) when (e.Code == ErrorCode.VersionConflict)
                {
                    stale = e;
                }

                if (locked is not null && (unused.Count == 0 || !lockedMode))
                {
                    // Packages nothing requires any more drop out: the caller rewrites the section without them.
                    LogChoices(locked);
                    return Finish(policy, Sorted(locked), warnings, null, null, 0, clock, section.Path);
                }

                // What the lock does not cover is resolved with the policy that chose the rest, keeping every pin that still fits.
                policy = PolicySelector.ForUpdate(request.Policy, section);
                kept = section.Packages.Values.ToDictionary(p => p.Id, p => p.Version, StringComparer.OrdinalIgnoreCase);
                if (lockedMode)
                {
                    throw await DriftFailureAsync(request, section, stale, cancellationToken).ConfigureAwait(false);
                }
            }

            if (_feeds.Count == 0)
            {
                throw new DepResolveException(ErrorCode.InvalidInput, "No package feed is configured to resolve from.");
            }

            var lockedSources = section?.Packages.Values.Where(p => !string.IsNullOrEmpty(p.Source)).ToDictionary(p => p.Id, p => p.Source, StringComparer.OrdinalIgnoreCase);
            var libraryFeeds = _options.LibrarySources is { } library ? new LibraryFeeds(library.FeedNames, library.SourceMapping, request.Requirements) : null;
            provider = new PackageMetadataProvider(_feeds, _options.TargetFramework, _options.MaxParallelism, _options.Log, _options.SourceMapping, lockedSources, libraryFeeds, _options.MetadataProgress);
            var roots = request.Requirements.Select(r => RequirementEdge.ForRoot(r, request.AllowPrerelease)).ToList();
            var discovery = new GraphDiscovery(
                provider,
                request.AllowPrerelease,
                GraphDiscovery.FeedRestrictions(request.Requirements),
                deadline.Token,
                (policy is ResolutionPolicy.Highest or ResolutionPolicy.Lowest) && _options.LikelyChoice is { } likely ? c => likely(LikelyChoice(c, request.Requirements)) : null,
                preferHighest: policy == ResolutionPolicy.Highest);
            var catalog = await discovery.DiscoverAsync(roots).ConfigureAwait(false);
            deadline.Token.ThrowIfCancellationRequested();

            IReadOnlyDictionary<string, CandidateVersion>? chosen;
            while (true)
            {
                try
                {
                    (chosen, solved) = Choose(catalog, request, policy, kept, warnings, deadline.Token);
                    break;
                }
                catch (MetadataNeededException needed)
                {
                    // The search reached a version whose dependencies were not read: read them and search again.
                    catalog = await discovery.ReadAndDiscoverAsync(needed.Candidate).ConfigureAwait(false);
                    deadline.Token.ThrowIfCancellationRequested();
                }
            }

            if (chosen is null)
            {
                throw FailureFor(solved!);
            }

            var nodes = ToNodes(chosen, request.Requirements);
            LogChoices(nodes);
            warnings.AddRange(provider.FeedWarnings);
            return Finish(policy, nodes, warnings, null, solved, provider.RequestCount, clock, section?.Path, provider.FeedWarnings);
        }
        catch (DepResolveException error)
        {
            warnings.AddRange(provider?.FeedWarnings ?? []);
            return Finish(policy, Array.Empty<ResolvedNode>(), warnings, error, solved, provider?.RequestCount ?? 0, clock, section?.Path, provider?.FeedWarnings);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            warnings.AddRange(provider?.FeedWarnings ?? []);
            return Finish(policy, Array.Empty<ResolvedNode>(), warnings, DeadlineError(provider), solved, provider?.RequestCount ?? 0, clock, section?.Path, provider?.FeedWarnings);
        }
    }

    /// <summary>Timeout naming the request that had not answered (else the feeds asked).</summary>
    private DepResolveException DeadlineError(PackageMetadataProvider? provider)
    {
        var seconds = _options.Deadline!.Value.TotalSeconds;
        var waiting = provider?.AbandonedUrls.FirstOrDefault();
        var target = waiting ?? string.Join(", ", _feeds.Select(f => SafeUrl.Redact(f.Source)));
        return new DepResolveException(
            ErrorCode.Timeout,
            $"The resolution did not finish within its deadline of {seconds:0.###} s (resolutionTimeout); {(waiting is null ? "feeds asked: " + target : "still waiting for " + waiting)}.",
            target);
    }

    /// <summary>
    /// The chosen versions (null when the search failed: the solver result says why); MetadataNeededException when
    /// the search reaches a version whose dependencies were not read.
    /// </summary>
    private (IReadOnlyDictionary<string, CandidateVersion>? Chosen, SolverResult? Solved) Choose(PackageCatalog catalog, ResolutionRequest request, ResolutionPolicy policy, IReadOnlyDictionary<string, NuGetVersion>? kept, List<string> warnings, CancellationToken cancellationToken)
    {
        if (policy == ResolutionPolicy.Minimal && kept is null)
        {
            var minimal = MinimalVersionSelection.Select(catalog, request.Requirements, request.AllowPrerelease);
            var violation = minimal is null ? null : SelectionCheck.FindViolation(request.Requirements, minimal, request.AllowPrerelease);
            if (minimal is not null && violation is null)
            {
                return (minimal, null);
            }

            var warning = $"Minimal version selection breaks {violation}; chose the lowest versions that satisfy every requirement instead.";
            if (minimal is not null && !warnings.Contains(warning))
            {
                warnings.Add(warning);
            }
        }

        var solved = new BacktrackingSolver(catalog, request.Requirements, request.AllowPrerelease, preferHighest: policy == ResolutionPolicy.Highest, _options.MaxCandidateAttempts, cancellationToken, kept).Solve();
        return (solved.Success ? solved.Chosen : null, solved);
    }

    /// <summary>
    /// Locked mode met a section that does not fit: the error says what a resolution without locked mode would add,
    /// remove or change; when that resolution fails too, the lock's own gap (<paramref name="stale"/>) is reported.
    /// </summary>
    private async Task<DepResolveException> DriftFailureAsync(ResolutionRequest request, LockFile section, DepResolveException? stale, CancellationToken cancellationToken)
    {
        var wanted = await ResolveAsync(request with { LockedMode = false, Policy = null, LockFile = section.Packages.Count == 0 ? null : section }, cancellationToken).ConfigureAwait(false);
        if (wanted.Error is not null)
        {
            return stale ?? wanted.Error;
        }

        var drift = LockDrift.Between(section, wanted.Packages.Select(p => (p.Id, p.Version)));
        return new DepResolveException(
            ErrorCode.VersionConflict,
            $"The lock file {section.Describe()} is out of date and locked mode forbids changing it; resolving would have {drift}. Resolve without locked mode to update the lock file.",
            section.Path);
    }

    private static void ValidateRequirements(IReadOnlyList<PackageRequirement> requirements)
    {
        foreach (var requirement in requirements)
        {
            if (string.IsNullOrWhiteSpace(requirement.Id))
            {
                throw new DepResolveException(ErrorCode.InvalidInput, $"A requirement{(string.IsNullOrEmpty(requirement.RequestedBy) ? "" : " of " + requirement.RequestedBy)} has no package id.", requirement.RequestedBy);
            }
        }
    }

    private DepResolveException FailureFor(SolverResult solved)
    {
        var explained = string.Join("\n", solved.Conflicts.Select(c => c.Message));
        var target = solved.Conflicts.FirstOrDefault()?.Id;
        if (solved.WorkLimitReached)
        {
            return new DepResolveException(
                ErrorCode.VersionConflict,
                $"Resolution gave up after trying {_options.MaxCandidateAttempts} candidate versions, the search limit, without finding a set of versions that fits." +
                (explained.Length == 0 ? "" : " Conflicts met so far:\n" + explained),
                target);
        }

        var first = solved.Conflicts.FirstOrDefault();
        var code = first?.Kind is ConflictKind.PackageNotFound or ConflictKind.NoMatchingVersion ? ErrorCode.PackageNotFound : ErrorCode.VersionConflict;
        return new DepResolveException(code, explained.Length == 0 ? "No set of versions satisfies every requirement." : explained, target);
    }

    private static List<ResolvedNode> ToNodes(IReadOnlyDictionary<string, CandidateVersion> chosen, IReadOnlyList<PackageRequirement> roots)
    {
        var paths = new DependencyPaths(roots, id => chosen.TryGetValue(id, out var c) ? new ChosenNode(c.Id, c.Version, c.Dependencies) : null);
        return Sorted(paths.Reachable.Select(id => chosen[id]).Select(c => new ResolvedNode
        {
            Id = c.Id,
            Version = c.Version,
            FeedName = c.FeedName,
            Sha512 = c.Metadata.PublishedSha512,
            Dependencies = c.Dependencies,
            Reason = paths.Reason(c.Id),
            IsPowerShellModule = IsModule(c, roots),
            Size = c.Metadata.PackageSize,
            Metadata = c.Metadata,
        }));
    }

    /// <summary>Tagged PSModule on its feed, or asked for as a module by a root requirement.</summary>
    private static bool IsModule(CandidateVersion candidate, IReadOnlyList<PackageRequirement> roots) =>
        candidate.Metadata.IsPowerShellModule || roots.Any(r => r.AsModule && string.Equals(r.Id, candidate.Id, StringComparison.OrdinalIgnoreCase));

    /// <summary>A version proposed while the graph is walked: no reason or dependencies yet.</summary>
    private static ResolvedNode LikelyChoice(CandidateVersion candidate, IReadOnlyList<PackageRequirement> roots) => new()
    {
        Id = candidate.Id,
        Version = candidate.Version,
        FeedName = candidate.FeedName,
        Sha512 = candidate.Metadata.PublishedSha512,
        IsPowerShellModule = IsModule(candidate, roots),
        Size = candidate.Metadata.PackageSize,
        Metadata = candidate.Metadata,
    };

    private static List<ResolvedNode> Sorted(IEnumerable<ResolvedNode> nodes) =>
        nodes.OrderBy(n => n.Id, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Id, StringComparer.Ordinal).ToList();

    private void LogChoices(IEnumerable<ResolvedNode> nodes)
    {
        if (_options.Log is null)
        {
            return;
        }

        foreach (var node in nodes)
        {
            _options.Log($"Chose {node.Id} {RangeText.Format(node.Version)} from {node.FeedName}: {node.Reason}");
        }
    }

    private static ResolutionOutcome Finish(ResolutionPolicy policy, IReadOnlyList<ResolvedNode> nodes, List<string> warnings, DepResolveException? error, SolverResult? solved, int requests, Stopwatch clock, string? lockFilePath, IReadOnlyList<string>? feedWarnings = null)
    {
        var conflicts = error is null ? Array.Empty<ResolutionConflict>() : solved?.Conflicts ?? Array.Empty<ResolutionConflict>();
        var failed = conflicts.Select(c => string.Join(" vs ", c.Paths.Select(LastStep))).ToList();
        if (error is not null && failed.Count == 0 && error.Target is not null)
        {
            failed.Add(error.Target);
        }

        return new ResolutionOutcome
        {
            Policy = policy,
            Packages = nodes,
            Conflicts = conflicts,
            Warnings = warnings,
            Error = error,
            ExecutionTime = clock.Elapsed,
            MetadataRequests = requests,
            CandidateAttempts = solved?.Attempts ?? 0,
            FailedPackages = failed,
            LockFilePath = lockFilePath,
            FeedWarnings = feedWarnings ?? Array.Empty<string>(),
        };
    }

    private static string LastStep(string path)
    {
        var at = path.LastIndexOf(DependencyPaths.Arrow, StringComparison.Ordinal);
        return at < 0 ? path : path[(at + DependencyPaths.Arrow.Length)..];
    }
}
