using DepResolve.Engine.InstallSafety;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>Packages fetched while resolving: taken over by the install, refused by policy, and never trusted over a hash.</summary>
public class PackagePrefetcherTests
{
    [Fact]
    public async Task APrefetchedPackageIsInstalledOnceAndTheInstallDoesNotVisitItAgain()
    {
        using var bed = new InstallerTestBed();
        var set = new[] { bed.AddModule("Pre.Module", "1.0.0"), bed.AddLibrary("Pre.Lib", "2.0.0", "net8.0") };
        var feed = bed.NewFeed();

        using (var prefetcher = new PackagePrefetcher(bed.Layout, [feed], new PackageInstallerOptions(), CancellationToken.None))
        {
            foreach (var package in set)
            {
                prefetcher.Start(package);
            }

            using var outcome = await bed.NewInstaller(feed).InstallAsync(set, null, prefetcher, CancellationToken.None);

            Assert.Equal(["Pre.Lib", "Pre.Module"], outcome.Environment!.Packages.Select(p => p.Id));
            Assert.Equal(2, outcome.Downloaded.Count);
        }

        Assert.Equal(2, feed.Downloads);
        var actions = new AuditLog(bed.Layout).ReadAll().Select(e => e.Action).ToList();
        Assert.Equal(2, actions.Count(a => a == AuditActions.Install));
        Assert.DoesNotContain(AuditActions.Reuse, actions);
        Assert.Empty(bed.TempLeftovers());
        Assert.Empty(new PackageStore(bed.Layout).VerifyAll());
    }

    [Fact]
    public async Task APackageTheDenyListRefusesIsNeverDownloaded()
    {
        using var bed = new InstallerTestBed();
        var denied = bed.AddModule("Blocked.Module", "1.0.0");
        var feed = bed.NewFeed();
        var options = new PackageInstallerOptions { Policy = new InstallPolicy { DenyList = ["Blocked.*"] } };

        using (var prefetcher = new PackagePrefetcher(bed.Layout, [feed], options, CancellationToken.None))
        {
            prefetcher.Start(denied);
            Assert.Empty(prefetcher.Started);
        }

        Assert.Equal(0, feed.Downloads);
        Assert.Empty(bed.StoreEntries());
    }

    [Fact]
    public async Task APrereleaseIsNotPrefetchedUnlessAllowed()
    {
        using var bed = new InstallerTestBed();
        var preview = bed.AddModule("Preview.Module", "2.0.0-beta1");
        var feed = bed.NewFeed();

        using (var prefetcher = new PackagePrefetcher(bed.Layout, [feed], new PackageInstallerOptions(), CancellationToken.None))
        {
            prefetcher.Start(preview);
        }

        Assert.Equal(0, feed.Downloads);
        var error = await Assert.ThrowsAsync<DepResolveException>(() => bed.NewInstaller(feed).InstallAsync([preview], null, CancellationToken.None));
        Assert.Equal(ErrorCode.DeniedByPolicy, error.Code);
    }

    [Fact]
    public async Task AnEntryPrefetchedWithAnotherHashIsNotTrustedAndTheLockedHashIsEnforced()
    {
        using var bed = new InstallerTestBed();
        var package = bed.AddModule("Hashed.Module", "1.0.0");
        var feed = bed.NewFeed();
        var locked = package with { Sha512 = Convert.ToBase64String(new byte[64]) };

        using var prefetcher = new PackagePrefetcher(bed.Layout, [feed], new PackageInstallerOptions(), CancellationToken.None);
        prefetcher.Start(package with { Sha512 = null });

        var error = await Assert.ThrowsAsync<DepResolveException>(() => bed.NewInstaller(feed).InstallAsync([locked], null, prefetcher, CancellationToken.None));

        Assert.Equal(ErrorCode.HashMismatch, error.Code);
        Assert.Contains("Hashed.Module", error.Message, StringComparison.Ordinal);
        Assert.Empty(bed.EnvironmentFolders());
    }

    [Fact]
    public async Task AFinishedPrefetchIsOfferedToThePlanOnlyForTheHashThePackageAsksFor()
    {
        using var bed = new InstallerTestBed();
        var package = bed.AddModule("Planned.Module", "1.0.0");
        var feed = bed.NewFeed();
        using var prefetcher = new PackagePrefetcher(bed.Layout, [feed], new PackageInstallerOptions(), CancellationToken.None);
        prefetcher.Start(package);
        var stored = await prefetcher.TakeAsync(package, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(stored.Entry.Folder, prefetcher.FinishedEntryOf(package)?.Folder);
        Assert.Equal(stored.Entry.Folder, prefetcher.FinishedEntryOf(package with { Sha512 = null })?.Folder);
        Assert.Null(prefetcher.FinishedEntryOf(package with { Sha512 = Convert.ToBase64String(new byte[64]) }));
        Assert.Null(prefetcher.FinishedEntryOf(bed.AddModule("Other.Module", "1.0.0")));

        var plan = await bed.NewInstaller(feed).PlanAsync([package], null, CancellationToken.None, withSizes: false, prefetcher);
        Assert.True(plan.Items.Single().AlreadyInStore);
        Assert.Equal(stored.Entry.Folder, plan.Items.Single().TargetFolder);
        Assert.Equal(1, feed.Downloads);
    }
}

public class DownloadConcurrencyOptionTests
{
    [Fact]
    public void MaxConcurrentDownloadsComesFromTheConfigFileAndBoundsTheInstaller()
    {
        using var temp = new Fixtures.TempFolder("depresolve-config");
        var script = temp.Combine("deploy.ps1");
        File.WriteAllText(script, "Get-Thing");
        File.WriteAllText(temp.Combine("depresolve.json"), """{ "maxConcurrentDownloads": 3 }""");
        var user = temp.Combine("user");
        Directory.CreateDirectory(user);

        var options = Engine.Configuration.DepResolveConfigLoader.Load(script, userConfigFolder: user).Options;

        Assert.Equal(3, options.MaxConcurrentDownloads);
        Assert.Equal(3, PackageInstallerOptions.FromOptions(options).MaxParallelism);
        Assert.Equal(Engine.Configuration.DepResolveOptions.DefaultMaxConcurrentDownloads, PackageInstallerOptions.FromOptions(new Engine.Configuration.DepResolveOptions()).MaxParallelism);
    }
}
