using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// An unchanged resolution through the session facade against a loopback v3 feed: served from the resolution cache,
/// its environment reused without visiting each package, and the normal path taken as soon as anything is missing.
/// </summary>
public sealed class SessionWarmPathTests
{
    private static readonly Dictionary<string, string?> Roots = new() { ["Warm.App"] = "[1.0.0, 2.0.0)" };

    [Fact]
    public async Task AnUnchangedResolutionReusesTheEnvironmentWithZeroRequestsAndOneAuditLine()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server);
        var audit = new AuditLog(new CacheLayout(temp.Combine("cache")));
        var linesAfterCold = audit.ReadAll().Count;
        var requestsAfterCold = server.Counter.Total;

        var verbose = new List<string>();
        var warm = await ResolveAsync(temp, server, verbose);

        Assert.True(warm.Success, warm.ErrorDetails);
        Assert.True(warm.CacheHit);
        Assert.Equal(cold.EnvironmentId, warm.EnvironmentId);
        Assert.Equal(cold.ModulePath, warm.ModulePath);
        Assert.Equal(["Warm.App 1.1.0", "Warm.Lib 2.0.0"], warm.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(requestsAfterCold, server.Counter.Total);
        var added = audit.ReadAll().Skip(linesAfterCold).ToList();
        var line = Assert.Single(added);
        Assert.Equal(AuditActions.ReuseEnvironment, line.Action);
        Assert.Equal(warm.EnvironmentId, line.Environment);
        Assert.Contains(verbose, v => v.Contains("resolution cache", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStoreEntryLeftIncompleteIsRepairedByTheNormalPath()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server);
        var libEntry = Assert.Single(new PackageStore(new CacheLayout(temp.Combine("cache"))).EnumerateEntryFolders(), f => f.Contains("warm.lib", StringComparison.OrdinalIgnoreCase));
        File.WriteAllBytes(Path.Combine(libEntry, PackageStore.IncompleteMarker), []);
        var downloadsBefore = server.Counter.Matching(".nupkg");

        var warm = await ResolveAsync(temp, server);

        Assert.True(warm.Success, warm.ErrorDetails);
        Assert.Equal(cold.EnvironmentId, warm.EnvironmentId);
        Assert.Equal(downloadsBefore + 1, server.Counter.Matching(".nupkg"));
        Assert.False(File.Exists(Path.Combine(libEntry, PackageStore.IncompleteMarker)));
        Assert.Empty(new PackageStore(new CacheLayout(temp.Combine("cache"))).VerifyAll());
    }

    [Fact]
    public async Task ARemovedEnvironmentIsCreatedAgainFromTheStoreWithoutDownloading()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server);
        using (var session = NewSession(temp, server))
        {
            session.RemoveEnvironment(cold.EnvironmentId!);
        }

        var requestsBefore = server.Counter.Total;
        var warm = await ResolveAsync(temp, server);

        Assert.True(warm.Success, warm.ErrorDetails);
        Assert.Equal(cold.EnvironmentId, warm.EnvironmentId);
        Assert.True(Directory.Exists(warm.EnvironmentPath));
        Assert.Equal(requestsBefore, server.Counter.Total);
    }

    [Fact]
    public async Task ADenyListAddedAfterTheEnvironmentWasMadeStillRefusesIt()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server);
        var installer = new PackageInstaller(
            new CacheLayout(temp.Combine("cache")),
            [],
            new PackageInstallerOptions { Policy = new Engine.InstallSafety.InstallPolicy { DenyList = ["Warm.Lib"] } });

        var set = cold.ResolvedPackages.Select(ResolvedNode.FromResolvedPackage).ToList();
        Assert.Null(await installer.TryReuseEnvironmentAsync(set, null, CancellationToken.None));
        var error = await Assert.ThrowsAsync<DepResolveException>(() => installer.InstallAsync(set, null, CancellationToken.None));
        Assert.Equal(ErrorCode.DeniedByPolicy, error.Code);
    }

    [Fact]
    public async Task AMalformedRangeIsInvalidInputNamingThePackage()
    {
        using var temp = new TempFolder();
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [temp.Path] });

        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            session.ResolvePackagesAsync(new Dictionary<string, string?> { ["Some.Package"] = "[1.0.0,, 2" }, new ResolveRequest(), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("Some.Package", error.Message, StringComparison.Ordinal);
    }

    private static async Task<ResolutionResult> ResolveAsync(TempFolder temp, NuGetV3FeedServer server, List<string>? verbose = null)
    {
        using var session = NewSession(temp, server, verbose);
        var result = await session.ResolvePackagesAsync(Roots, new ResolveRequest(), CancellationToken.None);
        Assert.True(result.Success, result.ErrorDetails);
        Assert.NotNull(result.EnvironmentId);
        return result;
    }

    private static DepResolveSession NewSession(TempFolder temp, NuGetV3FeedServer server, List<string>? verbose = null) => new(
        new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl] },
        new SessionCallbacks { Verbose = verbose is null ? null : line => { lock (verbose) { verbose.Add(line); } } });

    private static async Task<NuGetV3FeedServer> StartFeedAsync(TempFolder temp)
    {
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Warm.Lib", "1.0.0").AsLibrary("net8.0").Build(feed);
        new PackageBuilder("Warm.Lib", "2.0.0").AsLibrary("net8.0").Build(feed);
        new PackageBuilder("Warm.App", "1.0.0").AsModule(functions: ["Get-Warm"]).DependsOn("Warm.Lib", "[1.0.0, )").Build(feed);
        new PackageBuilder("Warm.App", "1.1.0").AsModule(functions: ["Get-Warm"]).DependsOn("Warm.Lib", "[2.0.0, )").Build(feed);
        return await NuGetV3FeedServer.StartAsync(feed);
    }
}
