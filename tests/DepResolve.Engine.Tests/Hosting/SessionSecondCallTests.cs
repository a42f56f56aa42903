using System.Text.Json;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// The call after the cold one: the cold call writes the lock file, so the next call's resolution key includes it.
/// That next call takes the warm fast path (resolution cache, environment checked by its fingerprint file) and
/// returns exactly what the Locked selection and the install path return without the cached entry.
/// </summary>
public sealed class SessionSecondCallTests
{
    private static readonly Dictionary<string, string?> Roots = new() { ["Second.App"] = "[1.0.0, 2.0.0)" };

    [Fact]
    public async Task TheCallAfterTheColdOneIsAWarmFastPathHitWithZeroRequests()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server);
        Assert.False(cold.CacheHit);
        Assert.True(File.Exists(Path.Combine(cold.EnvironmentPath!, EnvironmentFingerprint.FileName)));
        var audit = new AuditLog(new CacheLayout(temp.Combine("cache")));
        var linesAfterCold = audit.ReadAll().Count;
        var requestsAfterCold = server.Counter.Total;

        var verbose = new List<string>();
        var second = await ResolveAsync(temp, server, verbose);

        Assert.True(second.CacheHit);
        Assert.Equal(nameof(ResolutionPolicy.Locked), second.Policy);
        Assert.Equal(cold.EnvironmentId, second.EnvironmentId);
        Assert.Equal(requestsAfterCold, server.Counter.Total);
        Assert.Contains(verbose, v => v.Contains("served from the resolution cache", StringComparison.Ordinal));
        var line = Assert.Single(audit.ReadAll().Skip(linesAfterCold));
        Assert.Equal(AuditActions.ReuseEnvironment, line.Action);
        Assert.Contains("fast path", line.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSecondCallReturnsExactlyWhatTheLockedSelectionReturnsWithoutTheCachedEntry()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        await ResolveAsync(temp, server);
        var resolutions = new CacheLayout(temp.Combine("cache")).ResolutionsFolder;
        var cachedByCold = Directory.GetFiles(resolutions, "*.json").ToDictionary(f => f, File.ReadAllBytes);

        // Without what the cold call cached, the second call selects the locked versions and takes the install path.
        foreach (var file in cachedByCold.Keys)
        {
            File.Delete(file);
        }

        var lockedVerbose = new List<string>();
        var locked = await ResolveAsync(temp, server, lockedVerbose);
        Assert.DoesNotContain(lockedVerbose, v => v.Contains("served from the resolution cache", StringComparison.Ordinal));

        // The same call again with exactly the entries the cold call left.
        foreach (var file in Directory.GetFiles(resolutions, "*.json"))
        {
            File.Delete(file);
        }

        foreach (var (file, bytes) in cachedByCold)
        {
            File.WriteAllBytes(file, bytes);
        }

        var warmVerbose = new List<string>();
        var warm = await ResolveAsync(temp, server, warmVerbose);
        Assert.Contains(warmVerbose, v => v.Contains("served from the resolution cache", StringComparison.Ordinal));

        Assert.Equal(nameof(ResolutionPolicy.Locked), locked.Policy);
        Assert.All(warm.ResolvedPackages, p => Assert.NotNull(p.Size));
        Assert.Equal(Output(locked), Output(warm));
    }

    [Fact]
    public async Task AStoreFileChangedAfterTheColdCallIsCaughtByTheSecondCallAndInstalledAgain()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server);
        var store = new PackageStore(new CacheLayout(temp.Combine("cache")));
        var libEntry = Assert.Single(store.EnumerateEntryFolders(), f => f.Contains("second.lib", StringComparison.OrdinalIgnoreCase));
        var file = Directory.EnumerateFiles(Path.Combine(libEntry, PackageStore.ContentFolderName), "*.dll", SearchOption.AllDirectories).First();
        File.SetAttributes(file, FileAttributes.Normal);
        File.AppendAllText(file, "tampered");
        var downloadsBefore = server.Counter.Matching(".nupkg");

        var second = await ResolveAsync(temp, server);

        Assert.Equal(cold.EnvironmentId, second.EnvironmentId);
        Assert.Equal(downloadsBefore + 1, server.Counter.Matching(".nupkg"));
        Assert.Empty(store.VerifyAll());
    }

    /// <summary>Every property the cmdlet outputs, nested ones included, but the time the call took.</summary>
    private static string Output(ResolutionResult result)
    {
        var elapsed = result.ExecutionTime;
        result.ExecutionTime = TimeSpan.Zero;
        try
        {
            return JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
        }
        finally
        {
            result.ExecutionTime = elapsed;
        }
    }

    private static async Task<ResolutionResult> ResolveAsync(TempFolder temp, NuGetV3FeedServer server, List<string>? verbose = null)
    {
        Directory.CreateDirectory(temp.Combine("app"));
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl] },
            new SessionCallbacks { Verbose = verbose is null ? null : line => { lock (verbose) { verbose.Add(line); } } });
        var result = await session.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = temp.Combine("app", "deploy.ps1") }, CancellationToken.None);
        Assert.True(result.Success, result.ErrorDetails);
        Assert.NotNull(result.EnvironmentId);
        return result;
    }

    private static async Task<NuGetV3FeedServer> StartFeedAsync(TempFolder temp)
    {
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Second.Lib", "1.0.0").AsLibrary("net8.0").Build(feed);
        new PackageBuilder("Second.Lib", "2.0.0").AsLibrary("net8.0").Build(feed);
        new PackageBuilder("Second.App", "1.0.0").AsModule(functions: ["Get-Second"]).DependsOn("Second.Lib", "[1.0.0, )").Build(feed);
        new PackageBuilder("Second.App", "1.1.0").AsModule(functions: ["Get-Second"]).DependsOn("Second.Lib", "[2.0.0, )").Build(feed);
        return await NuGetV3FeedServer.StartAsync(feed);
    }
}
