using System.Diagnostics;
using System.Globalization;
using DepResolve.Engine.Caching;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using NuGet.Versioning;

namespace DepResolve.Bench.Measurement;

/// <summary>
/// The measured DepResolve operation, run in a child process of the bench so its peak working set is not polluted
/// by the feed server and the generator: resolve the roots (resolution cache first, then the resolver over the
/// metadata-cached v3 feed) and install the set into the cache root, with the engine's default options.
/// Protocol on stdout: one "RESULT key=value …" line per phase; between the cold and the warm phase the child
/// waits for a line on stdin, so the parent can read the server's request counter in between.
/// </summary>
public static class ChildInstall
{
    public const string Flag = "--child-install";
    public const string ResultPrefix = "RESULT ";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string? feedUrl = null, cacheRoot = null, roots = null;
        var warmOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case Flag: break;
                case "--feed": feedUrl = args[++i]; break;
                case "--cache": cacheRoot = args[++i]; break;
                case "--roots": roots = args[++i]; break;
                case "--warm-only": warmOnly = true; break;
                default: throw new ArgumentException($"Unknown child option '{args[i]}'.");
            }
        }

        if (feedUrl is null || cacheRoot is null || roots is null)
        {
            throw new ArgumentException("The child needs --feed, --cache and --roots.");
        }

        var requirements = roots.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('@'))
            .Select(p => new PackageRequirement(p[0], VersionRange.Parse(p[1])) { RequestedBy = "bench" })
            .ToArray();

        var first = await OnceAsync(feedUrl, cacheRoot, requirements);
        Report(warmOnly ? "warm" : "cold", first);
        if (warmOnly)
        {
            return 0;
        }

        Console.In.ReadLine();
        var warm = await OnceAsync(feedUrl, cacheRoot, requirements);
        Report("warm", warm);
        return 0;
    }

    private static void Report(string phase, Measured measured)
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ResultPrefix}phase={phase} ms={measured.Total.TotalMilliseconds:0.0} resolve_ms={measured.Resolve.TotalMilliseconds:0.0} install_ms={measured.Install.TotalMilliseconds:0.0} " +
            $"packages={measured.Packages} downloaded={measured.Downloaded} resolution_cache_hit={measured.CacheHit} peak_working_set={self.PeakWorkingSet64} " +
            $"managed_allocated={GC.GetTotalAllocatedBytes()}"));
        Console.Out.Flush();
    }

    /// <summary>One resolve + install with fresh engine objects; only the cache root carries over between calls.</summary>
    private static async Task<Measured> OnceAsync(string feedUrl, string cacheRoot, IReadOnlyList<PackageRequirement> requirements)
    {
        var clock = Stopwatch.StartNew();
        var options = new DepResolveOptions { CacheRoot = cacheRoot };
        var layout = new CacheLayout(cacheRoot);
        var http = new FeedHttpClient(FeedHttpSettings.FromOptions(options));
        var repository = new RepositorySettings { Name = "bench", Source = feedUrl, Kind = RepositoryKind.NuGetV3 };
        IPackageFeed feed = new CachingPackageFeed(new NuGetV3Feed(repository, http), layout, options.MetadataTtl, options.Offline);

        var fingerprint = new ResolutionFingerprint()
            .Add("requirements", string.Join("\n", requirements.Select(r => r.ToString())))
            .AddPolicy(nameof(ResolutionPolicy.Highest))
            .AddFeeds(new[] { feed.Source })
            .Compute();
        var cache = new ResolutionCache(layout);
        var result = cache.TryGet(fingerprint, options.MetadataTtl);
        var cacheHit = result is not null;
        if (result is null)
        {
            var resolver = new DependencyResolver(new[] { feed }, new ResolverOptions { MaxParallelism = options.MaxParallelism });
            var outcome = await resolver.ResolveAsync(new ResolutionRequest { Requirements = requirements, Policy = ResolutionPolicy.Highest });
            outcome.ThrowIfFailed();
            result = outcome.ToResult();
            layout.EnsureCreated();
            cache.Put(fingerprint, result);
        }

        var resolved = clock.Elapsed;
        var installer = new PackageInstaller(layout, new[] { feed }, PackageInstallerOptions.FromOptions(options));
        using var installed = await installer.InstallAsync(result.ResolvedPackages, null, CancellationToken.None);
        var total = clock.Elapsed;
        return new Measured(total, resolved, total - resolved, result.ResolvedPackages.Count, installed.Downloaded.Count, cacheHit);
    }

    private sealed record Measured(TimeSpan Total, TimeSpan Resolve, TimeSpan Install, int Packages, int Downloaded, bool CacheHit);
}
