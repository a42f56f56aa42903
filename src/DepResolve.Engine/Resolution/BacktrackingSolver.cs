using System.Runtime.ExceptionServices;
using NuGet.Versioning;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// Chooses one version per id so that every requirement holds and the chosen graph has no cycle. Ids are decided
/// breadth-first from the roots; each id tries its candidates in the policy's order (newest or lowest first). When
/// an id runs out of candidates the search jumps back to the most recent id that contributed to the failure
/// (conflict-directed backjumping), so unrelated choices are not retried. The number of candidates tried is bounded.
/// </summary>
internal sealed class BacktrackingSolver
{
    private const int StackSize = 64 * 1024 * 1024;

    private readonly PackageCatalog _catalog;
    private readonly IReadOnlyList<PackageRequirement> _roots;
    private readonly bool _allowPrerelease;
    private readonly bool _preferHighest;
    private readonly IReadOnlyDictionary<string, NuGetVersion> _kept;
    private readonly int _maxAttempts;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, CandidateVersion> _chosen = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _depth = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<RequirementEdge>> _edges = new(StringComparer.OrdinalIgnoreCase);
    // The ids with edges and no chosen version, kept in the order PickNext takes them (scanning the ids with edges at
    // every pick made the search quadratic in the graph's size).
    private readonly OpenIds _open = new();
    private readonly ConflictLog _conflicts = new();
    private int _attempts;

    /// <param name="kept">Versions tried first for their id whenever the requirements accept them (a lock file's pins).</param>
    public BacktrackingSolver(PackageCatalog catalog, IReadOnlyList<PackageRequirement> roots, bool allowPrerelease, bool preferHighest, int maxAttempts, CancellationToken cancellationToken, IReadOnlyDictionary<string, NuGetVersion>? kept = null)
    {
        _kept = kept ?? new Dictionary<string, NuGetVersion>();
        _catalog = catalog;
        _roots = roots;
        _allowPrerelease = allowPrerelease;
        _preferHighest = preferHighest;
        _maxAttempts = maxAttempts;
        _cancellationToken = cancellationToken;
    }

    public SolverResult Solve()
    {
        foreach (var root in _roots)
        {
            AddEdge(RequirementEdge.ForRoot(root, _allowPrerelease));
        }

        var workLimitReached = false;
        HashSet<string>? failure = null;
        try
        {
            failure = RunWithLargeStack(Search);
        }
        catch (WorkLimitReachedException)
        {
            workLimitReached = true;
        }

        var success = failure is null && !workLimitReached;
        return new SolverResult(
            success,
            success ? new Dictionary<string, CandidateVersion>(_chosen, StringComparer.OrdinalIgnoreCase) : new Dictionary<string, CandidateVersion>(),
            success ? Array.Empty<ResolutionConflict>() : _conflicts.Report(),
            workLimitReached,
            _attempts);
    }

    /// <summary>Null when every open id got a version; otherwise the ids whose choices caused the failure.</summary>
    private HashSet<string>? Search()
    {
        var id = PickNext();
        if (id is null)
        {
            return null;
        }

        var edges = _edges[id];
        var versions = _catalog.Get(id);
        var blame = ParentsOf(edges);
        var candidates = Order(versions.Versions.Where(c => edges.All(e => e.Accepts(c))).ToList(), edges);
        if (candidates.Count == 0)
        {
            _conflicts.Unsatisfiable(versions, edges.ToList(), null, Paths);
            return blame;
        }

        var depth = DepthOf(edges);
        foreach (var candidate in candidates)
        {
            if (++_attempts > _maxAttempts)
            {
                throw new WorkLimitReachedException();
            }

            if ((_attempts & 0xFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            Place(id, candidate);
            _depth[id] = depth;
            var rejection = Check(id, candidate);
            if (rejection is not null)
            {
                Unplace(id);
                blame.UnionWith(rejection);
                continue;
            }

            var added = candidate.Dependencies.Select(d => RequirementEdge.ForDependency(candidate, d.Id, d.Range, _allowPrerelease)).ToList();
            added.ForEach(AddEdge);

            var failure = Search();
            if (failure is null)
            {
                return null;
            }

            added.ForEach(RemoveEdge);
            Unplace(id);
            if (!failure.Contains(id))
            {
                // This id's choice played no part: jump straight back to one that did.
                return failure;
            }

            failure.Remove(id);
            blame.UnionWith(failure);
        }

        blame.Remove(id);
        return blame;
    }

    /// <summary>Null when the candidate (already placed in the chosen set) fits; otherwise the ids to blame.</summary>
    private HashSet<string>? Check(string id, CandidateVersion candidate)
    {
        foreach (var dependency in candidate.Dependencies)
        {
            var edge = RequirementEdge.ForDependency(candidate, dependency.Id, dependency.Range, _allowPrerelease);
            var existing = EdgesOn(dependency.Id);
            var versions = _catalog.Get(dependency.Id);

            if (_chosen.TryGetValue(dependency.Id, out var chosen))
            {
                if (!edge.Accepts(chosen))
                {
                    var someVersionFits = versions.Versions.Any(v => edge.Accepts(v) && existing.All(e => e.Accepts(v)));
                    if (someVersionFits)
                    {
                        _conflicts.RejectsChosen(versions, existing, edge, Paths);
                        return new HashSet<string>(StringComparer.OrdinalIgnoreCase) { dependency.Id };
                    }

                    _conflicts.Unsatisfiable(versions, existing, edge, Paths);
                    return ParentsOf(existing);
                }

                var cycle = FindPath(dependency.Id, id);
                if (cycle is not null)
                {
                    _conflicts.Cycle(id, () => FormatCycle(id, cycle, edge));
                    var blame = new HashSet<string>(cycle, StringComparer.OrdinalIgnoreCase);
                    blame.Remove(id);
                    return blame;
                }
            }
            else if (!versions.Versions.Any(v => edge.Accepts(v) && existing.All(e => e.Accepts(v))))
            {
                _conflicts.Unsatisfiable(versions, existing, edge, Paths);
                return ParentsOf(existing);
            }
        }

        return null;
    }

    private void Place(string id, CandidateVersion candidate)
    {
        _chosen[id] = candidate;
        _open.Remove(id);
    }

    private void Unplace(string id)
    {
        _chosen.Remove(id);
        if (_edges.TryGetValue(id, out var edges))
        {
            _open.Set(id, DepthOf(edges));
        }
    }

    /// <summary>The next undecided id: nearest to a root first, then by name.</summary>
    private string? PickNext() => _open.Next;

    private int DepthOf(List<RequirementEdge> edges) =>
        edges.Min(e => e.Parent is null ? 0 : _depth[e.Parent.Id] + 1);

    private List<CandidateVersion> Order(List<CandidateVersion> ascending, List<RequirementEdge> edges)
    {
        var preferred = _preferHighest ? Enumerable.Reverse(ascending).ToList() : ascending;
        if (ascending.Count > 0 && _kept.TryGetValue(ascending[0].Id, out var kept))
        {
            preferred = preferred.Where(c => c.Version == kept).Concat(preferred.Where(c => c.Version != kept)).ToList();
        }

        var floating = edges.Where(e => e.Range.IsFloating).ToList();
        if (floating.Count == 0)
        {
            return preferred;
        }

        // A floating range (1.*) means the newest match, whatever the policy, as in NuGet.
        bool AimedAt(CandidateVersion c) => floating.All(e => VersionAdmission.MatchesFloat(e.Range, c.Version));
        return Enumerable.Reverse(ascending).Where(AimedAt).Concat(preferred.Where(c => !AimedAt(c))).ToList();
    }

    /// <summary>A path of chosen ids from <paramref name="from"/> to <paramref name="to"/> along dependencies, or null.</summary>
    private List<string>? FindPath(string from, string to)
    {
        var previous = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [from] = null };
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (string.Equals(current, to, StringComparison.OrdinalIgnoreCase))
            {
                var path = new List<string>();
                for (string? step = current; step is not null; step = previous[step])
                {
                    path.Add(step);
                }

                path.Reverse();
                return path;
            }

            foreach (var dependency in _chosen[current].Dependencies)
            {
                if (_chosen.ContainsKey(dependency.Id) && !previous.ContainsKey(dependency.Id))
                {
                    previous[dependency.Id] = current;
                    queue.Enqueue(dependency.Id);
                }
            }
        }

        return null;
    }

    /// <summary>"deploy.ps1 -> A 1.0.0 -> B 1.0.0 -> A [1.0.0, )": the way in, then around the circle once.</summary>
    private string FormatCycle(string id, List<string> cycle, RequirementEdge closing)
    {
        var paths = Paths();
        var text = paths.NodePath(id);
        if (paths.PathIds(id).Contains(closing.Id, StringComparer.OrdinalIgnoreCase))
        {
            return text + DependencyPaths.Arrow + $"{closing.Id} {RangeText.Describe(closing.Range)}";
        }

        // cycle runs from closing.Id back to id; print its nodes, then the requirement that re-enters id.
        for (var i = 0; i < cycle.Count - 1; i++)
        {
            var node = _chosen[cycle[i]];
            text += DependencyPaths.Arrow + $"{node.Id} {RangeText.Format(node.Version)}";
        }

        var last = _chosen[cycle[^2]];
        var reentry = last.Dependencies.First(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
        return text + DependencyPaths.Arrow + $"{reentry.Id} {RangeText.Describe(reentry.Range)}";
    }

    private DependencyPaths Paths() =>
        new(_roots, id => _chosen.TryGetValue(id, out var c) ? new ChosenNode(c.Id, c.Version, c.Dependencies) : null);

    private List<RequirementEdge> EdgesOn(string id) =>
        _edges.TryGetValue(id, out var edges) ? edges.ToList() : new List<RequirementEdge>();

    private static HashSet<string> ParentsOf(IEnumerable<RequirementEdge> edges) =>
        new(edges.Where(e => e.Parent is not null).Select(e => e.Parent!.Id), StringComparer.OrdinalIgnoreCase);

    private void AddEdge(RequirementEdge edge)
    {
        if (!_edges.TryGetValue(edge.Id, out var list))
        {
            list = new List<RequirementEdge>();
            _edges[edge.Id] = list;
        }

        list.Add(edge);
        if (!_chosen.ContainsKey(edge.Id))
        {
            _open.Set(edge.Id, DepthOf(list));
        }
    }

    private void RemoveEdge(RequirementEdge edge)
    {
        var list = _edges[edge.Id];
        list.Remove(edge);
        if (list.Count == 0)
        {
            _edges.Remove(edge.Id);
            _open.Remove(edge.Id);
        }
        else if (!_chosen.ContainsKey(edge.Id))
        {
            _open.Set(edge.Id, DepthOf(list));
        }
    }

    private static T RunWithLargeStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    error = ExceptionDispatchInfo.Capture(e);
                }
            },
            StackSize);
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }

    private sealed class WorkLimitReachedException : Exception
    {
    }
}

internal sealed record SolverResult(
    bool Success,
    IReadOnlyDictionary<string, CandidateVersion> Chosen,
    IReadOnlyList<ResolutionConflict> Conflicts,
    bool WorkLimitReached,
    int Attempts);
