using DepResolve.Engine.Hosting;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Integrity;

/// <summary>
/// Installed store files changed after extraction, seen through the session facade against a loopback v3 feed:
/// the warm path (resolution cache hit) and the normal path both notice, quarantine the entry, download it again
/// and warn naming the file; a file that was only touched costs one re-hash and no download. The first warm use
/// writes the environment's fingerprint file; a change made after that is found through it.
/// </summary>
public sealed class StoreIntegrityTests
{
    private static readonly Dictionary<string, string?> Roots = new() { ["Sealed.App"] = "1.0.0" };

    [Fact]
    public async Task OneByteChangedAtTheSameSizeIsDetectedOnTheWarmPathAndInstalledAgain()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server, []);
        await ResolveAsync(temp, server, []);
        Assert.True(File.Exists(Path.Combine(cold.EnvironmentPath!, EnvironmentFingerprint.FileName)));
        var psm1 = ModuleFile(cold);
        var original = File.ReadAllBytes(psm1);
        Overwrite(psm1, FlipOneByte(original));
        var downloads = server.Counter.Matching(".nupkg");

        var warnings = new List<string>();
        var warm = await ResolveAsync(temp, server, warnings);

        Assert.Equal(cold.EnvironmentId, warm.EnvironmentId);
        Assert.Equal(original, File.ReadAllBytes(psm1));
        Assert.Equal(downloads + 1, server.Counter.Matching(".nupkg"));
        var warning = Assert.Single(warnings);
        Assert.Contains(psm1, warning, StringComparison.Ordinal);
        Assert.Contains("SHA-256 differs", warning, StringComparison.Ordinal);
        Assert.Contains("installed again", warning, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateDirectories(Layout(temp).QuarantineFolder));
        Assert.Empty(new PackageStore(Layout(temp)).VerifyAll());
    }

    [Fact]
    public async Task AGrownFileIsDetectedOnTheWarmPath()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server, []);
        await ResolveAsync(temp, server, []);
        var psm1 = ModuleFile(cold);
        var original = File.ReadAllBytes(psm1);
        Overwrite(psm1, [.. original, .. "\nWrite-Host 'injected'\n"u8.ToArray()]);

        var warnings = new List<string>();
        await ResolveAsync(temp, server, warnings);

        Assert.Equal(original, File.ReadAllBytes(psm1));
        var warning = Assert.Single(warnings);
        Assert.Contains(psm1, warning, StringComparison.Ordinal);
        Assert.Contains($"instead of {original.Length}", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeOnTheNormalPathIsDetectedToo()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server, []);
        var psm1 = ModuleFile(cold);
        var original = File.ReadAllBytes(psm1);
        Overwrite(psm1, FlipOneByte(original));
        var installer = new PackageInstaller(Layout(temp), [], new PackageInstallerOptions { Offline = true, Warn = _ => { } });

        // Offline and no feed: the normal path finds the change, quarantines the entry and cannot install it again.
        var error = await Assert.ThrowsAsync<DepResolveException>(() => installer.InstallAsync(cold.ResolvedPackages.Select(ResolvedNode.FromResolvedPackage).ToList(), null, CancellationToken.None));

        Assert.Equal(ErrorCode.PackageNotFound, error.Code);
        Assert.Contains("Sealed.App", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(psm1));
        var quarantine = Assert.Single(installer.Audit.ReadAll(), a => a.Action == AuditActions.Quarantine);
        Assert.Contains("Sealed.App.psm1", quarantine.Detail);
    }

    [Fact]
    public async Task AFileOnlyTouchedIsHashedOnceAndNotDownloadedAgain()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server, []);
        var psm1 = ModuleFile(cold);
        File.SetLastWriteTimeUtc(psm1, DateTime.UtcNow.AddMinutes(-5));
        var downloads = server.Counter.Matching(".nupkg");

        var warnings = new List<string>();
        await ResolveAsync(temp, server, warnings);

        Assert.Empty(warnings);
        Assert.Equal(downloads, server.Counter.Matching(".nupkg"));
        var entry = new PackageStore(Layout(temp)).Find("Sealed.App", NuGetVersion.Parse("1.0.0"), null)!;
        var record = Assert.Single(entry.Manifest.Files, f => f.Key.EndsWith("Sealed.App.psm1", StringComparison.Ordinal)).Value;
        Assert.Equal(File.GetLastWriteTimeUtc(psm1).Ticks, record.ModifiedTicks);
    }

    [Fact]
    public async Task VerifyFindsAChangeWhoseFingerprintWasForgedAndAFileThatWasAdded()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        var cold = await ResolveAsync(temp, server, []);
        var psm1 = ModuleFile(cold);
        var written = File.GetLastWriteTimeUtc(psm1);
        var original = File.ReadAllBytes(psm1);
        Overwrite(psm1, FlipOneByte(original));
        File.SetLastWriteTimeUtc(psm1, written);
        var added = Path.Combine(Path.GetDirectoryName(psm1)!, "Extra.ps1");
        File.WriteAllText(added, "'added'");

        var unnoticed = new List<string>();
        await ResolveAsync(temp, server, unnoticed);
        Assert.Empty(unnoticed);

        var warnings = new List<string>();
        await ResolveAsync(temp, server, warnings, verify: true);

        Assert.Equal(original, File.ReadAllBytes(psm1));
        Assert.False(File.Exists(added));
        var warning = Assert.Single(warnings);
        Assert.Contains(psm1, warning, StringComparison.Ordinal);
        Assert.Contains(added, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntryFromBeforeFingerprintsIsHashedOnceThenGetsThem()
    {
        using var temp = new TempFolder();
        await using var server = await StartFeedAsync(temp);
        await ResolveAsync(temp, server, []);
        var store = new PackageStore(Layout(temp));
        var entry = store.Find("Sealed.App", NuGetVersion.Parse("1.0.0"), null)!;
        foreach (var record in entry.Manifest.Files.Values)
        {
            record.ModifiedTicks = null;
        }

        AtomicFile.WriteJson(Path.Combine(entry.Folder, PackageStore.ManifestFileName), entry.Manifest);

        Assert.Empty(store.Verify(store.Find("Sealed.App", NuGetVersion.Parse("1.0.0"), null)!, full: false));

        Assert.All(store.Find("Sealed.App", NuGetVersion.Parse("1.0.0"), null)!.Manifest.Files.Values, r => Assert.NotNull(r.ModifiedTicks));
    }

    private static async Task<ResolutionResult> ResolveAsync(TempFolder temp, NuGetV3FeedServer server, List<string> warnings, bool verify = false)
    {
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl], Verify = verify },
            new SessionCallbacks { Warning = line => { lock (warnings) { warnings.Add(line); } } });
        var result = await session.ResolvePackagesAsync(Roots, new ResolveRequest(), CancellationToken.None);
        Assert.True(result.Success, result.ErrorDetails);
        Assert.NotNull(result.EnvironmentId);
        return result;
    }

    private static CacheLayout Layout(TempFolder temp) => new(temp.Combine("cache"));

    private static string ModuleFile(ResolutionResult result) =>
        Directory.EnumerateFiles(result.ModulePath!.Split(Path.PathSeparator)[0], "Sealed.App.psm1", SearchOption.AllDirectories).Single();

    private static byte[] FlipOneByte(byte[] bytes)
    {
        var changed = (byte[])bytes.Clone();
        changed[^2] = changed[^2] == (byte)'x' ? (byte)'y' : (byte)'x';
        return changed;
    }

    private static void Overwrite(string file, byte[] bytes)
    {
        File.SetAttributes(file, FileAttributes.Normal);
        File.WriteAllBytes(file, bytes);
    }

    private static async Task<NuGetV3FeedServer> StartFeedAsync(TempFolder temp)
    {
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Sealed.App", "1.0.0").AsModule(functions: ["Get-Sealed"]).Build(feed);
        return await NuGetV3FeedServer.StartAsync(feed);
    }
}
