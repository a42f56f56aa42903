using DepResolve.Engine.Caching;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// Downloads that start while the graph is still being resolved, seen through the session facade against a loopback
/// v3 feed: the final set is what the solver chose, a version dropped by backtracking is never used and is collected,
/// and nothing is fetched when the call must not write.
/// </summary>
public sealed class SessionPrefetchTests
{
    [Fact]
    public async Task AColdResolutionDownloadsEachChosenPackageOnce()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);

        var result = await ResolveAsync(temp, server, new Dictionary<string, string?> { ["Chain.Top"] = "1.0.0" });

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Chain.Bottom 1.0.0", "Chain.Middle 1.0.0", "Chain.Top 1.0.0"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(3, server.Counter.Matching(".nupkg"));
        Assert.NotNull(result.EnvironmentId);
    }

    [Fact]
    public async Task AVersionFetchedEarlyButDroppedByBacktrackingIsNeitherUsedNorKept()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var verbose = new List<string>();

        var result = await ResolveAsync(temp, server, new Dictionary<string, string?> { ["Pick.App"] = "1.0.0", ["Pick.Pinned"] = "1.0.0" }, verbose);

        // Pick.App 2.0.0 is the newest and is fetched at once, but it needs Pick.Shared 2.x while Pick.Pinned needs 1.x.
        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Pick.App 1.0.0", "Pick.Pinned 1.0.0", "Pick.Shared 1.0.0"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Contains(verbose, line => line.Contains("not chosen in the end", StringComparison.Ordinal) && line.Contains("pick.app 2.0.0", StringComparison.Ordinal));
        var modulePath = result.ModulePath!.Split(Path.PathSeparator);
        Assert.Contains(modulePath, entry => Directory.Exists(Path.Combine(entry, "Pick.App", "1.0.0")));
        Assert.DoesNotContain(modulePath, entry => Directory.Exists(Path.Combine(entry, "Pick.App", "2.0.0")));

        var layout = new CacheLayout(temp.Combine("cache"));
        var store = new PackageStore(layout);
        Assert.Empty(store.VerifyAll());
        new GarbageCollector(layout, TimeSpan.FromHours(24), 10).Collect();
        var kept = store.EnumerateEntryFolders().Select(f => store.TryLoad(f)!.Manifest).Select(m => $"{m.Id} {m.Version}").OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(["Pick.App 1.0.0", "Pick.Pinned 1.0.0", "Pick.Shared 1.0.0"], kept);
    }

    [Fact]
    public async Task ADryRunAResolveOnlyCallAndADeclinedApprovalDownloadNothing()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var roots = new Dictionary<string, string?> { ["Chain.Top"] = "1.0.0" };

        using (var dryRun = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl], DryRun = true }))
        {
            Assert.True((await dryRun.ResolvePackagesAsync(roots, new ResolveRequest(), CancellationToken.None)).Success);
        }

        using (var resolveOnly = NewSession(temp, server))
        {
            Assert.True((await resolveOnly.ResolvePackagesAsync(roots, new ResolveRequest { NoInstall = true }, CancellationToken.None)).Success);
        }

        var asked = 0;
        using (var declining = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl] },
            new SessionCallbacks { ApproveInstall = _ => { Interlocked.Increment(ref asked); return false; } }))
        {
            var declined = await declining.ResolvePackagesAsync(roots, new ResolveRequest(), CancellationToken.None);
            Assert.Null(declined.EnvironmentId);
        }

        Assert.Equal(3, asked);
        Assert.Equal(0, server.Counter.Matching(".nupkg"));
        Assert.False(Directory.Exists(temp.Combine("cache", "store")));
    }

    private static async Task<ResolutionResult> ResolveAsync(TempFolder temp, NuGetV3FeedServer server, Dictionary<string, string?> roots, List<string>? verbose = null)
    {
        using var session = NewSession(temp, server, verbose);
        return await session.ResolvePackagesAsync(roots, new ResolveRequest(), CancellationToken.None);
    }

    private static DepResolveSession NewSession(TempFolder temp, NuGetV3FeedServer server, List<string>? verbose = null) => new(
        new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl] },
        new SessionCallbacks { Verbose = verbose is null ? null : line => { lock (verbose) { verbose.Add(line); } } });

    private static async Task<NuGetV3FeedServer> StartFeedAsync(TempFolder temp)
    {
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        void Module(string id, string version, params (string Id, string Range)[] dependencies)
        {
            var builder = new PackageBuilder(id, version).AsModule(functions: ["Get-" + id.Replace(".", "", StringComparison.Ordinal)]);
            foreach (var (dependency, range) in dependencies)
            {
                builder.DependsOn(dependency, range);
            }

            builder.Build(feed);
        }

        Module("Chain.Bottom", "1.0.0");
        Module("Chain.Middle", "1.0.0", ("Chain.Bottom", "[1.0.0, )"));
        Module("Chain.Top", "1.0.0", ("Chain.Middle", "[1.0.0, )"));
        Module("Pick.Shared", "1.0.0");
        Module("Pick.Shared", "2.0.0");
        Module("Pick.App", "1.0.0", ("Pick.Shared", "[1.0.0, 2.0.0)"));
        Module("Pick.App", "2.0.0", ("Pick.Shared", "[2.0.0, )"));
        Module("Pick.Pinned", "1.0.0", ("Pick.Shared", "[1.0.0, 2.0.0)"));
        return await NuGetV3FeedServer.StartAsync(feed);
    }
}
