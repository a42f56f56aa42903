using System.Collections.Concurrent;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Resolution;

/// <summary>
/// The NuGet.Config sources of a resolution ("library feeds") and which ids they may supply: only library ids — the
/// roots asked for only as .NET libraries (<see cref="PackageRequirement.AsLibrary"/>) and, as their versions arrive,
/// every id those packages depend on. A module, a command's module or a module's dependency is never looked up on
/// them. A library id is looked up on the NuGet.Config sources first (in their order, as dotnet restore would),
/// then on the module repositories, so a module repository cannot shadow a library. NuGet.Config's
/// packageSourceMapping is honoured for library ids as dotnet restore honours it: when one of its patterns matches
/// the id, only the sources that pattern names are asked (a module repository only when named); when none
/// matches, no NuGet.Config source is.
/// </summary>
internal sealed class LibraryFeeds
{
    private readonly HashSet<string> _feedNames;
    private readonly PackageSourceMapping _mapping;
    private readonly ConcurrentDictionary<string, byte> _libraryIds = new(StringComparer.OrdinalIgnoreCase);

    public LibraryFeeds(IEnumerable<string> feedNames, PackageSourceMapping mapping, IEnumerable<PackageRequirement> roots)
    {
        _feedNames = new HashSet<string>(feedNames, StringComparer.OrdinalIgnoreCase);
        _mapping = mapping;
        foreach (var root in roots.Where(r => r.AsLibrary))
        {
            _libraryIds.TryAdd(root.Id, 0);
        }
    }

    /// <summary>
    /// The feeds that may be asked for <paramref name="id"/>, in the order to ask them (a subset of <paramref name="feeds"/>,
    /// NuGet.Config sources first for a library id), and the rule that chose them (null for an id that is not a library's).
    /// </summary>
    public (IReadOnlyList<IPackageFeed> Feeds, string? Rule) Filter(string id, IReadOnlyList<IPackageFeed> feeds)
    {
        if (!_libraryIds.ContainsKey(id))
        {
            return (feeds.Where(f => !_feedNames.Contains(f.Name)).ToList(), null);
        }

        var libraryFirst = feeds.Where(f => _feedNames.Contains(f.Name)).Concat(feeds.Where(f => !_feedNames.Contains(f.Name))).ToList();
        if (_mapping.Match(id) is not { } match)
        {
            return (libraryFirst, _feedNames.Count == 0 ? null : "a .NET library: the NuGet.Config sources are asked before the module repositories");
        }

        if (match.Pattern is null)
        {
            return (feeds.Where(f => !_feedNames.Contains(f.Name)).ToList(), "no NuGet.Config packageSourceMapping pattern matches it, so no NuGet.Config source may supply it");
        }

        return (libraryFirst.Where(f => match.Sources.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList(),
            $"NuGet.Config packageSourceMapping pattern '{match.Pattern}' maps it to {string.Join(", ", match.Sources)}");
    }

    /// <summary>Records that <paramref name="versions"/> of a library id arrived: every id they depend on is a library id too.</summary>
    public void Arrived(PackageVersions versions)
    {
        foreach (var version in versions.Versions.Where(v => v.HasDependencies))
        {
            Arrived(version);
        }
    }

    /// <summary>A version whose dependencies were read (with its list, or later for a feed that lists versions only).</summary>
    public void Arrived(CandidateVersion version)
    {
        if (!_libraryIds.ContainsKey(version.Id))
        {
            return;
        }

        foreach (var dependency in version.Dependencies)
        {
            _libraryIds.TryAdd(dependency.Id, 0);
        }
    }
}
