using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// What every resolution for scripts of one folder shares: its options, cache and feeds (module repositories
/// first, then the NuGet.Config sources), and the repositories they come from.
/// </summary>
internal sealed record FolderSetup(DepResolveOptions Options, CacheLayout Layout, IReadOnlyList<IPackageFeed> Feeds, IReadOnlyList<RepositorySettings> Repositories)
{
    /// <summary>The module repositories alone: commands and namespaces are mapped from these.</summary>
    public IReadOnlyList<IPackageFeed> ModuleFeeds { get; init; } = Feeds;

    /// <summary>The NuGet.Config sources among the feeds and their mapping; null when no NuGet.Config applies.</summary>
    public LibrarySources? LibrarySources { get; init; }

    /// <summary>The NuGet.Config sources' feeds: probed first for the package of an uncurated assembly or namespace.</summary>
    public IReadOnlyList<IPackageFeed> LibraryFeeds => Feeds.Skip(ModuleFeeds.Count).ToList();
}
