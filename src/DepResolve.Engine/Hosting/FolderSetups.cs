using System.Collections.Concurrent;
using DepResolve.Engine.Caching;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Resolution;

namespace DepResolve.Engine.Hosting;

/// <summary>The <see cref="FolderSetup"/> of each script folder, built once per folder and shared by every resolution of the session.</summary>
internal sealed class FolderSetups
{
    private readonly ResolutionContext _context;
    private readonly ConcurrentDictionary<string, Lazy<FolderSetup>> _setups = new(PlatformPaths.Comparer);
    private readonly ConcurrentDictionary<FeedHttpSettings, FeedHttpClient> _httpClients = new();

    public FolderSetups(ResolutionContext context) => _context = context;

    /// <summary>The options, cache and feeds for the request's script folder (the working directory without a script), built once per folder.</summary>
    public FolderSetup For(ResolveRequest request)
    {
        var folder = request.ScriptPath is null
            ? _context.WorkingDirectory
            : Path.GetDirectoryName(Path.GetFullPath(request.ScriptPath, _context.WorkingDirectory)) ?? _context.WorkingDirectory;
        return _setups.GetOrAdd(folder, f => new Lazy<FolderSetup>(() => Build(f))).Value;
    }

    /// <summary>
    /// The feeds for scripts in <paramref name="folder"/>: -Repository values (registered names, URLs, folders) when
    /// given, else the configured module repositories (depresolve.json, PSResourceGet registrations, the PowerShell
    /// Gallery) followed by the NuGet.Config sources that apply to the folder (library feeds). Remote feed answers are
    /// cached under the folder's cache root unless this is a dry run; folder feeds are not cached.
    /// </summary>
    private FolderSetup Build(string folder)
    {
        var options = _context.OptionsFor(folder);
        var layout = CacheLayout.FromOptions(options.CacheRoot);
        var repositories = RepositoryCatalog.Select(_context.Repositories, _context.WorkingDirectory, () => RepositoryCatalog.Configured(options, _context.Log.Verbose, _context.LocalApplicationDataFolder));
        var factory = new FeedFactory(HttpClientFor(options), _context.Log.Verbose);
        var feeds = new List<IPackageFeed>();
        IPackageFeed Add(RepositorySettings setting, string role)
        {
            var feed = factory.Create(setting);
            // A folder is read directly every time (its own index notices changes): a package published into it after a miss is seen at once.
            feeds.Add(options.DryRun || feed is LocalFolderFeed ? feed : new CachingPackageFeed(feed, layout, options.MetadataTtl, options.Offline));
            _context.Log.Verbose($"{role} {setting.Name} (priority {setting.Priority}): {SafeUrl.Redact(setting.Source)}");
            return feed;
        }

        foreach (var setting in repositories.OrderBy(s => s.Priority))
        {
            Add(setting, "Repository");
        }

        var moduleFeeds = feeds.ToList();
        if (_context.Repositories.Count > 0)
        {
            return new FolderSetup(options, layout, feeds, repositories);
        }

        var nuget = LoadNuGetConfiguration(folder);
        var librarySources = new List<RepositorySettings>();
        foreach (var source in nuget.Sources)
        {
            if (repositories.Any(r => r.Name.Equals(source.Name, StringComparison.OrdinalIgnoreCase)))
            {
                _context.Log.Verbose($"NuGet.Config source {source.Name} is not used as a library feed: a module repository has that name.");
                continue;
            }

            Add(source, "Library feed (NuGet.Config)");
            librarySources.Add(source);
        }

        return new FolderSetup(options, layout, feeds, repositories.Concat(librarySources).ToList())
        {
            ModuleFeeds = moduleFeeds,
            LibrarySources = nuget.Files.Count == 0 ? null : new LibrarySources(librarySources.Select(s => s.Name).ToList(), nuget.SourceMapping),
        };
    }

    /// <summary>The NuGet.Config files that apply to <paramref name="folder"/>; one that cannot be read is a warning naming it, and no library feed is used.</summary>
    private NuGetConfiguration LoadNuGetConfiguration(string folder)
    {
        try
        {
            var nuget = NuGetConfigSources.Load(folder, _context.UserNuGetConfigFolder, _context.Log.Warning);
            _context.Log.Verbose(nuget.Files.Count == 0
                ? $"No NuGet.Config applies to {folder}: no library feeds."
                : $"NuGet.Config for {folder}: {string.Join(", ", nuget.Files)} (nearest first); {nuget.Sources.Count} enabled sources{(nuget.SourceMapping.IsEmpty ? "" : ", with packageSourceMapping")}.");
            return nuget;
        }
        catch (DepResolveException e) when (e.Code == ErrorCode.InvalidInput)
        {
            _context.Log.Warning($"{e.Message} Library packages are looked up on the module repositories only.");
            return NuGetConfiguration.None;
        }
    }

    /// <summary>
    /// One HTTP client per distinct requestTimeout / maxParallelism / maxConcurrentDownloads, shared by every feed
    /// with those options. Downloads run while metadata is still being fetched: room for both, so neither waits for
    /// the other's slots.
    /// </summary>
    private FeedHttpClient HttpClientFor(DepResolveOptions options)
    {
        var settings = FeedHttpSettings.FromOptions(options) with { MaxParallelism = Math.Max(1, options.MaxParallelism) + Math.Max(1, options.MaxConcurrentDownloads) };
        return _httpClients.GetOrAdd(settings, s => new FeedHttpClient(s));
    }
}
