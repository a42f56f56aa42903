using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Fetches the metadata of every id the search could reach, concurrently: as soon as an id's versions arrive,
/// the dependencies of each version some requirement accepts are requested, so every level of the graph goes
/// out as one wave (or sooner). Each id is asked for once.
/// With a likely-choice callback it also names, as soon as an id's versions arrive, the version the policy will most
/// likely choose: the newest (or, for Lowest, the oldest) version that every requirement on the likely path accepts —
/// the roots and the dependencies of the likely versions of their parents. It is a guess for prefetching only; the
/// solver decides afterwards.
/// A version known only from a version list (a feed that reads dependencies one version at a time) is not expanded
/// with the others: per id only the versions the policy would try first are read (the first one every requirement
/// accepts, and each requirement's own first), so a feed listing 20,000 versions costs a handful of requests. When
/// the search needs another one, <see cref="ReadAndDiscoverAsync"/> reads it and discovers what it brings.
/// </summary>
internal sealed class GraphDiscovery
{
    private readonly PackageMetadataProvider _provider;
    private readonly bool _allowPrerelease;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _feedRestrictions;
    private readonly CancellationToken _cancellationToken;
    private readonly object _gate = new();
    private readonly Dictionary<string, IdState> _states = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Task> _fetches = new();
    private readonly Action<CandidateVersion>? _likelyChoice;
    private readonly bool _preferHighest;

    /// <param name="likelyChoice">Called (under a lock: it must not block) with each version that becomes the likely choice of its id.</param>
    /// <param name="preferHighest">Whether the likely choice is the newest accepted version (Highest) or the oldest (Lowest).</param>
    public GraphDiscovery(
        PackageMetadataProvider provider,
        bool allowPrerelease,
        IReadOnlyDictionary<string, IReadOnlyList<string>> feedRestrictions,
        CancellationToken cancellationToken,
        Action<CandidateVersion>? likelyChoice = null,
        bool preferHighest = true)
    {
        _provider = provider;
        _allowPrerelease = allowPrerelease;
        _feedRestrictions = feedRestrictions;
        _cancellationToken = cancellationToken;
        _likelyChoice = likelyChoice;
        _preferHighest = preferHighest;
    }

    public async Task<PackageCatalog> DiscoverAsync(IEnumerable<RequirementEdge> roots)
    {
        lock (_gate)
        {
            foreach (var root in roots)
            {
                Demand(root.Id, root.Range, root.AllowPrerelease, likely: true);
            }
        }

        return await SettleAsync().ConfigureAwait(false);
    }

    /// <summary>Reads the dependencies of a version the search reached unread, then discovers what they bring.</summary>
    public async Task<PackageCatalog> ReadAndDiscoverAsync(CandidateVersion candidate)
    {
        lock (_gate)
        {
            if (_states.TryGetValue(candidate.Id, out var state))
            {
                Read(state, candidate);
            }
        }

        return await SettleAsync().ConfigureAwait(false);
    }

    private async Task<PackageCatalog> SettleAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (_gate)
            {
                pending = _fetches.Where(t => !t.IsCompleted).ToArray();
            }

            if (pending.Length == 0)
            {
                break;
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        Task[] all;
        lock (_gate)
        {
            all = _fetches.ToArray();
        }

        // Surfaces the first failure, if any fetch failed.
        await Task.WhenAll(all).ConfigureAwait(false);

        lock (_gate)
        {
            return new PackageCatalog(_states.Values.Where(s => s.Versions is not null).Select(s => s.Versions!));
        }
    }

    // Called under _gate.
    private void Demand(string id, VersionRange range, bool allowPrerelease, bool likely)
    {
        if (!_states.TryGetValue(id, out var state))
        {
            state = new IdState();
            _states[id] = state;
            _feedRestrictions.TryGetValue(id, out var feeds);
            _fetches.Add(Task.Run(() => FetchAsync(id, feeds, state), _cancellationToken));
        }

        state.Ranges.Add((range, allowPrerelease));
        if (likely && _likelyChoice is not null)
        {
            state.LikelyRanges.Add((range, allowPrerelease));
        }

        if (state.Versions is not null)
        {
            if (likely)
            {
                ProposeLikelyChoice(state);
            }

            Expand(state, range, allowPrerelease);
        }
    }

    private async Task FetchAsync(string id, IReadOnlyList<string>? feeds, IdState state)
    {
        var versions = await _provider.GetVersionsAsync(id, feeds, _cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            state.Versions = versions;
            ProposeLikelyChoice(state);
            foreach (var (range, allowPrerelease) in state.Ranges.ToList())
            {
                Expand(state, range, allowPrerelease);
            }
        }
    }

    // Called under _gate: requests the dependencies of each version this range accepts, once per version.
    private void Expand(IdState state, VersionRange range, bool allowPrerelease)
    {
        foreach (var candidate in state.Versions!.Versions)
        {
            if (!candidate.HasDependencies || !VersionAdmission.Accepts(range, allowPrerelease, candidate) || !state.Expanded.Add(candidate.Version))
            {
                continue;
            }

            var likely = ReferenceEquals(candidate, state.Likely);
            foreach (var dependency in candidate.Dependencies)
            {
                Demand(dependency.Id, dependency.Range, _allowPrerelease, likely);
            }
        }

        ReadFirstChoices(state);
    }

    // Called under _gate: of versions not read yet, reads the one the policy tries first under every requirement,
    // and each requirement's own first choice.
    private void ReadFirstChoices(IdState state)
    {
        var versions = state.Versions!.Versions;
        if (versions.Count == 0 || versions.All(c => c.HasDependencies))
        {
            return;
        }

        IEnumerable<CandidateVersion> inOrder = _preferHighest ? versions.Reverse() : versions;
        var all = inOrder.FirstOrDefault(c => state.Ranges.All(r => VersionAdmission.Accepts(r.Range, r.AllowPrerelease, c)));
        if (all is not null)
        {
            Read(state, all);
        }

        foreach (var (range, allowPrerelease) in state.Ranges)
        {
            if (inOrder.FirstOrDefault(c => VersionAdmission.Accepts(range, allowPrerelease, c)) is { } first)
            {
                Read(state, first);
            }
        }
    }

    // Called under _gate: reads a listed version's dependencies once, then discovers them.
    private void Read(IdState state, CandidateVersion candidate)
    {
        if (candidate.HasDependencies || !state.Reading.Add(candidate.Version))
        {
            return;
        }

        _fetches.Add(Task.Run(
            async () =>
            {
                await _provider.CompleteAsync(candidate, _cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    var likely = ReferenceEquals(candidate, state.Likely);
                    if (likely)
                    {
                        _likelyChoice?.Invoke(candidate);
                    }

                    state.Expanded.Add(candidate.Version);
                    foreach (var dependency in candidate.Dependencies)
                    {
                        Demand(dependency.Id, dependency.Range, _allowPrerelease, likely);
                    }
                }
            },
            _cancellationToken));
    }

    // Called under _gate: the version every likely requirement accepts, newest (or oldest) first; reported when it changes.
    private void ProposeLikelyChoice(IdState state)
    {
        if (_likelyChoice is null || state.LikelyRanges.Count == 0 || state.Versions is null)
        {
            return;
        }

        CandidateVersion? best = null;
        foreach (var candidate in state.Versions.Versions)
        {
            if (state.LikelyRanges.All(r => VersionAdmission.Accepts(r.Range, r.AllowPrerelease, candidate)))
            {
                best = candidate;
                if (!_preferHighest)
                {
                    break;
                }
            }
        }

        if (best is null || ReferenceEquals(best, state.Likely))
        {
            return;
        }

        state.Likely = best;
        if (!best.HasDependencies)
        {
            // Reported once its dependencies are read (the prefetch needs its metadata).
            Read(state, best);
            return;
        }

        _likelyChoice(best);
        if (state.Expanded.Contains(best.Version))
        {
            // Expanded earlier as an unlikely version: its dependencies are on the likely path now.
            foreach (var dependency in best.Dependencies)
            {
                Demand(dependency.Id, dependency.Range, _allowPrerelease, likely: true);
            }
        }
    }

    private sealed class IdState
    {
        public List<(VersionRange Range, bool AllowPrerelease)> Ranges { get; } = new();

        public HashSet<NuGetVersion> Expanded { get; } = new(VersionComparer.Default);

        /// <summary>Listed versions whose dependencies were asked for.</summary>
        public HashSet<NuGetVersion> Reading { get; } = new(VersionComparer.Default);

        public PackageVersions? Versions { get; set; }

        /// <summary>Requirements from the roots and from the likely versions of their parents.</summary>
        public List<(VersionRange Range, bool AllowPrerelease)> LikelyRanges { get; } = new();

        /// <summary>The version last reported as the likely choice.</summary>
        public CandidateVersion? Likely { get; set; }
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FeedRestrictions(IEnumerable<PackageRequirement> requirements)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in requirements.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase))
        {
            // Any requirement that allows every feed lifts the restriction for that id.
            if (group.All(r => r.Feeds.Count > 0))
            {
                result[group.Key] = group.SelectMany(r => r.Feeds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            }
        }

        return result;
    }
}
