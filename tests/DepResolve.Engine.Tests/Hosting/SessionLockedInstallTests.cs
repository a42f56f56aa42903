using DepResolve.Engine.Hosting;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>A committed lock file on a fresh CI runner: the install needs the packages and nothing else from the feed.</summary>
public sealed class SessionLockedInstallTests
{
    private static readonly Dictionary<string, string?> Roots = new() { ["Speed.App"] = null };

    [Fact]
    public async Task ALockedInstallIntoAnEmptyCacheDownloadsThePackagesAllAtOnceAndAsksTheFeedForNoMetadata()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        for (var i = 0; i < 6; i++)
        {
            new PackageBuilder($"Speed.Lib{i}", "1.0.0").AsLibrary("net8.0").Build(feed);
        }

        var app = new PackageBuilder("Speed.App", "1.0.0").AsModule(functions: ["Get-Speed"]);
        for (var i = 0; i < 6; i++)
        {
            app = app.DependsOn($"Speed.Lib{i}", "[1.0.0, )");
        }

        app.Build(feed);
        await using var server = await NuGetV3FeedServer.StartAsync(feed);
        Directory.CreateDirectory(temp.Combine("app"));
        var script = temp.Combine("app", "deploy.ps1");

        using (var first = NewSession(temp, server, "cache-first"))
        {
            Assert.True((await first.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = script }, CancellationToken.None)).Success);
        }

        // A feed 100 ms away: one package at a time over one connection would show at most one request in flight.
        server.Faults.Latency = TimeSpan.FromMilliseconds(100);
        server.Counter.ResetMaxConcurrent();
        var before = server.Counter.Total;
        using var fresh = NewSession(temp, server, "cache-fresh-runner");
        var locked = await fresh.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.True(locked.Success, locked.ErrorDetails);
        Assert.Equal("Locked", locked.Policy);
        Assert.True(locked.ExecutionTime > TimeSpan.Zero, "the time of the whole call, not of the resolver alone (which a Locked resolution does not use)");
        Assert.Equal(7, locked.ResolvedPackages.Count);
        var asked = server.Counter.Requests.Skip(before).Select(r => r.Path).ToList();
        Assert.Equal(7, asked.Count(p => p.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase)));
        var serviceIndex = new Uri(server.ServiceIndexUrl).AbsolutePath;
        Assert.All(asked, p => Assert.True(p.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) || p == serviceIndex, $"asked for {p}"));
        Assert.InRange(server.Counter.MaxConcurrent, 4, 7);
    }

    private static DepResolveSession NewSession(TempFolder temp, NuGetV3FeedServer server, string cache) =>
        new(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = cache, Repositories = [server.ServiceIndexUrl] });
}
