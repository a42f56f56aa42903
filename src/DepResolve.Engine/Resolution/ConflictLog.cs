namespace DepResolve.Engine.Resolution;

/// <summary>
/// Collects the conflicts a search meets, the first one per package id (the one met with the most preferred
/// versions), and keeps each explanation minimal: the one requirement nothing satisfies, else the pair of
/// requirements no version satisfies together.
/// </summary>
internal sealed class ConflictLog
{
    private readonly List<ResolutionConflict> _definite = new();
    private readonly List<ResolutionConflict> _choiceDependent = new();
    private readonly HashSet<string> _definiteIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _choiceDependentIds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The conflicts to report: those no choice could avoid, else those that depend on the other choices.</summary>
    public IReadOnlyList<ResolutionConflict> Report() => _definite.Count > 0 ? _definite.ToList() : _choiceDependent.ToList();

    /// <summary>No version of the id satisfies <paramref name="existing"/> plus <paramref name="added"/>.</summary>
    public void Unsatisfiable(PackageVersions versions, IReadOnlyList<RequirementEdge> existing, RequirementEdge? added, Func<DependencyPaths> paths)
    {
        if (!_definiteIds.Add(versions.Id))
        {
            return;
        }

        var all = added is null ? existing.ToList() : existing.Append(added).ToList();
        var pathFinder = paths();
        var seen = Seen(versions);

        if (versions.Versions.Count == 0)
        {
            _definite.Add(new ResolutionConflict(ConflictKind.PackageNotFound, versions.Id, [pathFinder.EdgePath(added ?? all[0])], seen, versions.FeedsAsked, hint: versions.Explanation));
            return;
        }

        var alone = (added is null ? all : all.Prepend(added)).FirstOrDefault(e => !versions.Versions.Any(e.Accepts));
        if (alone is not null)
        {
            _definite.Add(new ResolutionConflict(ConflictKind.NoMatchingVersion, versions.Id, [pathFinder.EdgePath(alone)], seen, versions.FeedsAsked, hint: Hint(versions, alone)));
            return;
        }

        var pair = FindIncompatiblePair(versions, existing, added);
        var involved = pair is null ? all : [pair.Value.First, pair.Value.Second];
        _definite.Add(new ResolutionConflict(ConflictKind.Incompatible, versions.Id, involved.Select(pathFinder.EdgePath).ToList(), seen, versions.FeedsAsked));
    }

    /// <summary>
    /// <paramref name="added"/> rejects the version already chosen for the id, though some version would satisfy
    /// every requirement: a conflict only with the other choices.
    /// </summary>
    public void RejectsChosen(PackageVersions versions, IReadOnlyList<RequirementEdge> existing, RequirementEdge added, Func<DependencyPaths> paths)
    {
        if (!_choiceDependentIds.Add(versions.Id))
        {
            return;
        }

        var pathFinder = paths();
        var involved = existing.Append(added).Select(pathFinder.EdgePath).ToList();
        _choiceDependent.Add(new ResolutionConflict(ConflictKind.Incompatible, versions.Id, involved, Seen(versions), versions.FeedsAsked, dependsOnOtherChoices: true));
    }

    public void Cycle(string id, Func<string> path)
    {
        if (_definiteIds.Add(id))
        {
            _definite.Add(new ResolutionConflict(ConflictKind.Cycle, id, [path()], Array.Empty<string>(), Array.Empty<string>()));
        }
    }

    private static (RequirementEdge First, RequirementEdge Second)? FindIncompatiblePair(PackageVersions versions, IReadOnlyList<RequirementEdge> existing, RequirementEdge? added)
    {
        bool Disjoint(RequirementEdge a, RequirementEdge b) => !versions.Versions.Any(v => a.Accepts(v) && b.Accepts(v));

        if (added is not null)
        {
            var partner = existing.FirstOrDefault(e => Disjoint(e, added));
            if (partner is not null)
            {
                return (partner, added);
            }
        }

        for (var i = 0; i < existing.Count; i++)
        {
            for (var j = i + 1; j < existing.Count; j++)
            {
                if (Disjoint(existing[i], existing[j]))
                {
                    return (existing[i], existing[j]);
                }
            }
        }

        return null;
    }

    private static IReadOnlyList<string> Seen(PackageVersions versions) =>
        versions.Versions.Select(v => RangeText.Format(v.Version)).ToList();

    private static string? Hint(PackageVersions versions, RequirementEdge edge)
    {
        var excluded = versions.Versions.LastOrDefault(v => edge.Range.Satisfies(v.Version) && !edge.Accepts(v));
        if (excluded is null)
        {
            return null;
        }

        return excluded.Version.IsPrerelease && !edge.AllowPrerelease && !VersionAdmission.NamesPrerelease(edge.Range)
            ? $"{versions.Id} {RangeText.Format(excluded.Version)} is a prerelease: allow prereleases to use it."
            : $"{versions.Id} {RangeText.Format(excluded.Version)} is unlisted: ask for exactly [{RangeText.Format(excluded.Version)}] to use it.";
    }
}
