using DepResolve.Engine.Model;
using NuGet.Versioning;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Fetches the metadata of every id the search could reach, concurrently: as soon as an id's versions arrive,
/// the dependencies of each version some requirement accepts are requested, so every level of the graph goes
/// out as one wave (or sooner). Each id is asked for once.
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

    public GraphDiscovery(PackageMetadataProvider provider, bool allowPrerelease, IReadOnlyDictionary<string, IReadOnlyList<string>> feedRestrictions, CancellationToken cancellationToken)
    {
        _provider = provider;
        _allowPrerelease = allowPrerelease;
        _feedRestrictions = feedRestrictions;
        _cancellationToken = cancellationToken;
    }

    public async Task<PackageCatalog> DiscoverAsync(IEnumerable<RequirementEdge> roots)
    {
        lock (_gate)
        {
            foreach (var root in roots)
            {
                Demand(root.Id, root.Range, root.AllowPrerelease);
            }
        }

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
    private void Demand(string id, VersionRange range, bool allowPrerelease)
    {
        if (!_states.TryGetValue(id, out var state))
        {
            state = new IdState();
            _states[id] = state;
            _feedRestrictions.TryGetValue(id, out var feeds);
            _fetches.Add(Task.Run(() => FetchAsync(id, feeds, state), _cancellationToken));
        }

        state.Ranges.Add((range, allowPrerelease));
        if (state.Versions is not null)
        {
            Expand(state, range, allowPrerelease);
        }
    }

    private async Task FetchAsync(string id, IReadOnlyList<string>? feeds, IdState state)
    {
        var versions = await _provider.GetVersionsAsync(id, feeds, _cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            state.Versions = versions;
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
            if (!VersionAdmission.Accepts(range, allowPrerelease, candidate) || !state.Expanded.Add(candidate.Version))
            {
                continue;
            }

            foreach (var dependency in candidate.Dependencies)
            {
                Demand(dependency.Id, dependency.Range, _allowPrerelease);
            }
        }
    }

    private sealed class IdState
    {
        public List<(VersionRange Range, bool AllowPrerelease)> Ranges { get; } = new();

        public HashSet<NuGetVersion> Expanded { get; } = new(VersionComparer.Default);

        public PackageVersions? Versions { get; set; }
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
