using DepResolve.Engine.Feeds;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// A feed is one feed however it is named (a registered name, its URL, its folder), and a package keeps the id the
/// feed publishes whatever casing the script or a v3 flat container used. A real NuGet v3 server on loopback.
/// </summary>
public sealed class SessionFeedIdentityTests
{
    [Fact]
    public async Task OfflineByTheRegisteredNameAnswersFromWhatAnOnlineRunByTheUrlCached()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp, RegistrationLayout.Inlined);
        var script = WriteScriptFolder(temp, $$"""{ "repositories": [ { "name": "team", "source": "{{server.ServiceIndexUrl}}" } ] }""");
        var roots = new Dictionary<string, string?> { ["Contoso.Json"] = null };

        using (var online = NewSession(temp, [server.ServiceIndexUrl], offline: false))
        {
            var first = await online.ResolvePackagesAsync(roots, new ResolveRequest { ScriptPath = script, NoInstall = true }, CancellationToken.None);
            Assert.True(first.Success, first.ErrorDetails);
        }

        var requestsOnline = server.Counter.Total;
        using var offline = NewSession(temp, ["team"], offline: true);
        var result = await offline.ResolvePackagesAsync(roots, new ResolveRequest { ScriptPath = script, NoInstall = true }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Json 2.0.0 team"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version} {p.Source}"));
        Assert.Equal(requestsOnline, server.Counter.Total);
    }

    [Theory]
    [InlineData(RegistrationLayout.Inlined)]
    [InlineData(RegistrationLayout.None)]
    public async Task AnIdAskedForInLowerCaseKeepsTheFeedsCasingInTheResultTheEnvironmentAndTheLockFile(RegistrationLayout layout)
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp, layout);
        var script = WriteScriptFolder(temp, "{}");
        using var session = NewSession(temp, [server.ServiceIndexUrl], offline: false);

        var result = await session.ResolvePackagesAsync(new Dictionary<string, string?> { ["contoso.json"] = null }, new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Json 2.0.0"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(["Contoso.Json"], Assert.Single(session.GetEnvironments()).Packages.Select(p => p.Id));
        Assert.Equal(["Contoso.Json"], Assert.Single(LockFileSerializer.Read(Path.Combine(Path.GetDirectoryName(script)!, "depresolve.lock.json")).Scripts).Value.Packages.Keys);

        using var fromLock = NewSession(temp, [server.ServiceIndexUrl], offline: true);
        var locked = await fromLock.ResolvePackagesAsync(new Dictionary<string, string?> { ["contoso.json"] = null }, new ResolveRequest { ScriptPath = script }, CancellationToken.None);
        Assert.True(locked.Success, locked.ErrorDetails);
        Assert.Equal("Locked", locked.Policy);
        Assert.Equal(["Contoso.Json 2.0.0"], locked.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
    }

    [Theory]
    [InlineData("HTTPS://Feed.Example.COM/v3/index.json/", "https://feed.example.com:443/v3/index.json")]
    [InlineData("https://user:secret@feed.example.com/v3/index.json#top", "https://feed.example.com:443/v3/index.json")]
    [InlineData("http://127.0.0.1:5000/nuget/", "http://127.0.0.1:5000/nuget")]
    public void AUrlIsNormalisedToSchemeHostPortAndPath(string spelling, string expected) =>
        Assert.Equal(expected, FeedLocation.Normalize(spelling));

    [Fact]
    public void AFolderIsItsFullPathWithoutATrailingSeparator()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("feed");
        Assert.Equal(FeedLocation.Normalize(folder), FeedLocation.Normalize(folder + Path.DirectorySeparatorChar));
        Assert.Equal(FeedLocation.Normalize(folder), FeedLocation.Normalize(new Uri(folder).AbsoluteUri));
        Assert.Equal(FeedLocation.Normalize(folder), FeedLocation.Normalize(Path.Combine(temp.Path, "x", "..", "feed")));
    }

    private static async Task<NuGetV3FeedServer> StartFeedAsync(TempFolder temp, RegistrationLayout layout)
    {
        var packages = temp.Combine("packages");
        Directory.CreateDirectory(packages);
        new PackageBuilder("Contoso.Json", "1.0.0").AsModule(functions: ["ConvertTo-ContosoJson"]).WithTags("PSModule").Build(packages);
        new PackageBuilder("Contoso.Json", "2.0.0").AsModule(functions: ["ConvertTo-ContosoJson"]).WithTags("PSModule").Build(packages);
        return await NuGetV3FeedServer.StartAsync(packages, layout);
    }

    private static string WriteScriptFolder(TempFolder temp, string config)
    {
        Directory.CreateDirectory(temp.Combine("scripts"));
        Directory.CreateDirectory(temp.Combine("user"));
        File.WriteAllText(temp.Combine("scripts", "depresolve.json"), config);
        return temp.Combine("scripts", "app.ps1");
    }

    private static DepResolveSession NewSession(TempFolder temp, string[] repositories, bool offline) => new(new SessionSettings
    {
        WorkingDirectory = temp.Path,
        CacheDirectory = "cache",
        Repositories = repositories,
        Offline = offline,
        UserConfigFolder = temp.Combine("user"),
        LocalApplicationDataFolder = temp.Combine("user"),
    });
}
