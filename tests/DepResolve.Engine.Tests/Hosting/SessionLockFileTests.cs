using System.Security.Cryptography;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// depresolve.lock.json through the session facade against a loopback v3 feed: written next to the script after
/// the first install, then used (Locked) without asking the feed, and its hashes enforced.
/// </summary>
public sealed class SessionLockFileTests
{
    private static readonly Dictionary<string, string?> Roots = new() { ["Lock.App"] = "[1.0.0, 2.0.0)" };

    [Fact]
    public async Task TheFirstInstallWritesADeterministicLockFileWithEveryPackagesSha512()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var first = await ResolveAsync(temp, server, "first", "cache-first");
        var second = await ResolveAsync(temp, server, "second", "cache-second");

        var firstLock = temp.Combine("first", "depresolve.lock.json");
        Assert.Equal(firstLock, first.LockFilePath);
        Assert.Equal(File.ReadAllBytes(firstLock), File.ReadAllBytes(temp.Combine("second", "depresolve.lock.json")));
        Assert.Equal(temp.Combine("second", "depresolve.lock.json"), second.LockFilePath);
        var locked = LockFileSerializer.Read(firstLock).Scripts["deploy.ps1"];
        Assert.Equal(ResolutionPolicy.Highest, locked.Policy);
        Assert.Equal(["Lock.App 1.1.0", "Lock.Lib 2.0.0"], locked.Packages.Values.Select(p => $"{p.Id} {p.Version}").Order(StringComparer.Ordinal));
        foreach (var package in locked.Packages.Values)
        {
            var nupkg = temp.Combine("feed", $"{package.Id}.{package.Version}.nupkg");
            Assert.Equal(Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(nupkg))), package.Sha512);
        }
    }

    [Fact]
    public async Task ALockFileIsNotWrittenByADryRunOrAResolveOnlyCall()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        Directory.CreateDirectory(temp.Combine("app"));
        var script = temp.Combine("app", "deploy.ps1");

        using (var dryRun = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl], DryRun = true }))
        {
            var planned = await dryRun.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = script }, CancellationToken.None);
            Assert.True(planned.Success, planned.ErrorDetails);
        }

        using (var session = NewSession(temp, server, "cache"))
        {
            var resolved = await session.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = script, NoInstall = true }, CancellationToken.None);
            Assert.True(resolved.Success, resolved.ErrorDetails);
        }

        Assert.False(File.Exists(temp.Combine("app", "depresolve.lock.json")));
    }

    [Fact]
    public async Task TheNextRunUsesTheLockFileWithoutAskingTheFeed()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        // Feed answers go stale at once, so only a resolution that needs no feed makes no request.
        Directory.CreateDirectory(temp.Combine("app"));
        File.WriteAllText(temp.Combine("app", "depresolve.json"), """{ "metadataTtl": 0.001 }""");
        var first = await ResolveAsync(temp, server, "app", "cache");
        var lockBytes = File.ReadAllBytes(temp.Combine("app", "depresolve.lock.json"));
        var requestsAfterFirst = server.Counter.Total;

        var locked = await ResolveAsync(temp, server, "app", "cache");

        Assert.Equal(nameof(ResolutionPolicy.Locked), locked.Policy);
        Assert.Equal(requestsAfterFirst, server.Counter.Total);
        Assert.True(Directory.Exists(locked.EnvironmentPath));
        Assert.Equal(["Lock.App 1.1.0", "Lock.Lib 2.0.0"], locked.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(lockBytes, File.ReadAllBytes(temp.Combine("app", "depresolve.lock.json")));
        // The feed published no hashes; the lock file carries them. Both name the same environment.
        Assert.Equal(first.EnvironmentId, locked.EnvironmentId);
        Assert.Single(Directory.GetDirectories(temp.Combine("cache", "envs")));

        // The same call with a policy that walks the graph does ask the feed.
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl], Policy = "Highest" });
        var highest = await session.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = temp.Combine("app", "deploy.ps1") }, CancellationToken.None);
        Assert.Equal(nameof(ResolutionPolicy.Highest), highest.Policy);
        Assert.True(server.Counter.Total > requestsAfterFirst);
    }

    [Fact]
    public async Task APackageHashTamperedInTheLockFileIsAHashMismatch()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        await ResolveAsync(temp, server, "app", "cache-first");
        var lockPath = temp.Combine("app", "depresolve.lock.json");
        var libHash = LockFileSerializer.Read(lockPath).Scripts["deploy.ps1"].Packages["Lock.Lib"].Sha512;
        var tampered = Convert.ToBase64String(SHA512.HashData("not the package"u8));
        File.WriteAllText(lockPath, File.ReadAllText(lockPath).Replace(libHash, tampered, StringComparison.Ordinal));

        using var session = NewSession(temp, server, "cache-second");
        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            session.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = temp.Combine("app", "deploy.ps1") }, CancellationToken.None));

        Assert.Equal(ErrorCode.HashMismatch, error.Code);
        Assert.Contains("Lock.Lib", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.GetEnvironments());
    }

    [Fact]
    public async Task ScriptsOfOneFolderLockDifferentVersionsInTheirOwnSectionsAndKeepThem()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        Directory.CreateDirectory(temp.Combine("app"));
        File.WriteAllText(temp.Combine("app", "depresolve.json"), """{ "metadataTtl": 0.001 }""");
        var old = new Dictionary<string, string?> { ["Lock.Lib"] = "[1.0.0]" };
        var current = new Dictionary<string, string?> { ["Lock.Lib"] = "2.0.0" };
        using var session = NewSession(temp, server, "cache");

        var a = await session.ResolvePackagesAsync(old, new ResolveRequest { ScriptPath = temp.Combine("app", "a.ps1") }, CancellationToken.None);
        var b = await session.ResolvePackagesAsync(current, new ResolveRequest { ScriptPath = temp.Combine("app", "b.ps1") }, CancellationToken.None);
        var requests = server.Counter.Total;
        var lockText = File.ReadAllText(temp.Combine("app", "depresolve.lock.json"));
        var againA = await session.ResolvePackagesAsync(old, new ResolveRequest { ScriptPath = temp.Combine("app", "a.ps1") }, CancellationToken.None);
        var againB = await session.ResolvePackagesAsync(current, new ResolveRequest { ScriptPath = temp.Combine("app", "b.ps1") }, CancellationToken.None);

        Assert.Equal(["Lock.Lib 1.0.0"], a.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Equal(["Lock.Lib 2.0.0"], b.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        var document = LockFileSerializer.Read(temp.Combine("app", "depresolve.lock.json"));
        Assert.Equal(["a.ps1", "b.ps1"], document.Scripts.Keys);
        Assert.Equal("1.0.0", document.Scripts["a.ps1"].Packages["Lock.Lib"].Version.ToNormalizedString());
        Assert.Equal("2.0.0", document.Scripts["b.ps1"].Packages["Lock.Lib"].Version.ToNormalizedString());
        Assert.Equal(["Locked", "Locked"], new[] { againA, againB }.Select(r => r.Policy));
        Assert.Equal(new[] { a.EnvironmentId, b.EnvironmentId }, new[] { againA.EnvironmentId, againB.EnvironmentId });
        Assert.Equal(requests, server.Counter.Total);
        Assert.Equal(lockText, File.ReadAllText(temp.Combine("app", "depresolve.lock.json")));
    }

    [Fact]
    public async Task ALockFileThatCannotBeWrittenIsAWarningNamingItAndTheResolutionStillSucceeds()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        // A lock file whose folder is a file cannot be written, whoever runs the test.
        File.WriteAllText(temp.Combine("not-a-folder"), "");
        var lockPath = temp.Combine("not-a-folder", "depresolve.lock.json");
        var warnings = new List<string>();
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl] },
            new SessionCallbacks { Warning = warnings.Add });

        var result = await session.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = temp.Combine("deploy.ps1"), LockFile = lockPath }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.True(Directory.Exists(result.EnvironmentPath));
        var warning = Assert.Single(warnings);
        Assert.StartsWith($"The lock file {lockPath} was not written: ", warning, StringComparison.Ordinal);
        Assert.Contains(warning, result.Warnings);
        Assert.Null(result.LockFilePath);
    }

    [Fact]
    public async Task APolicyThatChangesLockedVersionsWarnsNamingTheLockFileAndTheIdsAndLeavesTheLockAlone()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        Directory.CreateDirectory(temp.Combine("app"));
        var script = temp.Combine("app", "deploy.ps1");
        var lockPath = temp.Combine("app", "depresolve.lock.json");
        using (var lowest = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl], Policy = "Lowest" }))
        {
            Assert.True((await lowest.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = script }, CancellationToken.None)).Success);
        }

        var lockText = File.ReadAllText(lockPath);
        var warnings = new List<string>();
        using var highest = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl], Policy = "Highest" },
            new SessionCallbacks { Warning = warnings.Add });

        var result = await highest.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.Equal(["Lock.App 1.1.0", "Lock.Lib 2.0.0"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        var warning = Assert.Single(warnings);
        Assert.Equal(
            $"The policy Highest chose other versions than the lock file {lockPath} (section 'deploy.ps1') pins: Lock.App 1.0.0 -> 1.1.0, Lock.Lib 1.0.0 -> 2.0.0. " +
            "The lock file is left as it is; resolve with UpdateLock to record these versions, or without a policy to keep the locked ones.",
            warning);
        Assert.Equal(lockText, File.ReadAllText(lockPath));
    }

    [Fact]
    public async Task LockedModeFailsWithWhatWouldChangeAndWritesNothing()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var first = await ResolveAsync(temp, server, "app", "cache");
        var lockPath = temp.Combine("app", "depresolve.lock.json");
        var lockText = File.ReadAllText(lockPath);
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl], LockedMode = true });

        var same = await session.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = temp.Combine("app", "deploy.ps1") }, CancellationToken.None);
        var drifted = await session.ResolvePackagesAsync(new Dictionary<string, string?> { ["Lock.App"] = "[1.0.0]" }, new ResolveRequest { ScriptPath = temp.Combine("app", "deploy.ps1") }, CancellationToken.None);
        var other = await session.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = temp.Combine("app", "other.ps1") }, CancellationToken.None);

        Assert.True(same.Success, same.ErrorDetails);
        Assert.Equal(first.EnvironmentId, same.EnvironmentId);
        Assert.False(drifted.Success);
        Assert.Equal(ErrorCode.VersionConflict, drifted.ErrorCode);
        Assert.Contains($"The lock file {lockPath} (section 'deploy.ps1') is out of date and locked mode forbids changing it; resolving would have changed Lock.App 1.1.0 -> 1.0.0.", drifted.ErrorDetails, StringComparison.Ordinal);
        Assert.False(other.Success);
        Assert.Contains("(section 'other.ps1') is out of date and locked mode forbids changing it; resolving would have added Lock.App 1.1.0, Lock.Lib 2.0.0.", other.ErrorDetails, StringComparison.Ordinal);
        Assert.Equal(lockText, File.ReadAllText(lockPath));
    }

    private static async Task<ResolutionResult> ResolveAsync(TempFolder temp, NuGetV3FeedServer server, string scriptFolder, string cache)
    {
        Directory.CreateDirectory(temp.Combine(scriptFolder));
        using var session = NewSession(temp, server, cache);
        var result = await session.ResolvePackagesAsync(Roots, new ResolveRequest { ScriptPath = temp.Combine(scriptFolder, "deploy.ps1") }, CancellationToken.None);
        Assert.True(result.Success, result.ErrorDetails);
        Assert.NotNull(result.EnvironmentId);
        return result;
    }

    private static DepResolveSession NewSession(TempFolder temp, NuGetV3FeedServer server, string cache) =>
        new(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = cache, Repositories = [server.ServiceIndexUrl] });

    private static async Task<NuGetV3FeedServer> StartFeedAsync(TempFolder temp)
    {
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Lock.Lib", "1.0.0").AsLibrary("net8.0").Build(feed);
        new PackageBuilder("Lock.Lib", "2.0.0").AsLibrary("net8.0").Build(feed);
        new PackageBuilder("Lock.App", "1.0.0").AsModule(functions: ["Get-Lock"]).DependsOn("Lock.Lib", "[1.0.0, )").Build(feed);
        new PackageBuilder("Lock.App", "1.1.0").AsModule(functions: ["Get-Lock"]).DependsOn("Lock.Lib", "[2.0.0, )").Build(feed);
        return await NuGetV3FeedServer.StartAsync(feed);
    }
}
