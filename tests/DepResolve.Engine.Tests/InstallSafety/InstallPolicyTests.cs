using DepResolve.Engine.InstallSafety;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Installation;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.InstallSafety;

public class InstallPolicyTests
{
    [Fact]
    public async Task ADryRunPlansPackageVersionSourceSizeAndFolderAndWritesNothing()
    {
        using var bed = new InstallerTestBed();
        var module = bed.AddModule("Planned.Module", "3.1.0");
        var feed = bed.NewFeed();
        var installer = bed.NewInstaller(feed, new PackageInstallerOptions { Policy = new InstallPolicy { DryRun = true } });

        using var outcome = await installer.InstallAsync([module], null, CancellationToken.None);

        Assert.True(outcome.IsDryRun);
        Assert.Null(outcome.Environment);
        var item = Assert.Single(outcome.Plan.Items);
        Assert.Equal("Planned.Module", item.Id);
        Assert.Equal("3.1.0", item.Version);
        Assert.Equal(InstallerTestBed.FeedName, item.Source);
        Assert.Equal(new FileInfo(Path.Combine(bed.FeedFolder, "Planned.Module.3.1.0.nupkg")).Length, item.Size);
        Assert.Equal(new PackageStore(bed.Layout).EntryFolderOf("Planned.Module", NuGetVersion.Parse("3.1.0"), module.Sha512!), item.TargetFolder);
        Assert.False(item.AlreadyInStore);
        Assert.Equal(item.Size, outcome.Plan.TotalDownloadBytes);
        Assert.Equal(0, feed.Downloads);
        Assert.False(Directory.Exists(bed.CacheRoot));
    }

    [Fact]
    public async Task ADeniedPackageFailsBeforeAnythingIsDownloadedAndIsAudited()
    {
        using var bed = new InstallerTestBed();
        var fine = bed.AddModule("Fine.Module", "1.0.0");
        var denied = bed.AddModule("Contoso.Miner", "1.0.0");
        Directory.CreateDirectory(bed.CacheRoot);
        var feed = bed.NewFeed();
        var installer = bed.NewInstaller(feed, new PackageInstallerOptions { Policy = new InstallPolicy { DenyList = ["contoso.*"] } });

        var error = await Assert.ThrowsAsync<DepResolveException>(() => installer.InstallAsync([fine, denied], null, CancellationToken.None));

        Assert.Equal(ErrorCode.DeniedByPolicy, error.Code);
        Assert.Contains("Contoso.Miner 1.0.0", error.Message);
        Assert.Contains("contoso.*", error.Message);
        Assert.Equal(0, feed.Downloads);
        Assert.Empty(bed.StoreEntries());
        var refusal = Assert.Single(installer.Audit.ReadAll());
        Assert.Equal(AuditActions.Refuse, refusal.Action);
        Assert.Equal(nameof(ErrorCode.DeniedByPolicy), refusal.Result);
    }

    [Fact]
    public async Task AnAllowListRefusesEverythingElse()
    {
        using var bed = new InstallerTestBed();
        var allowed = bed.AddModule("Pester", "5.5.0");
        var other = bed.AddModule("PSReadLine", "2.3.4");
        var installer = bed.NewInstaller(bed.NewFeed(), new PackageInstallerOptions { Policy = new InstallPolicy { AllowList = ["Pester"] } });

        using (await installer.InstallAsync([allowed], null, CancellationToken.None))
        {
        }

        var error = await Assert.ThrowsAsync<DepResolveException>(() => installer.InstallAsync([allowed, other], null, CancellationToken.None));
        Assert.Equal(ErrorCode.DeniedByPolicy, error.Code);
        Assert.Contains("PSReadLine 2.3.4", error.Message);
        Assert.Contains("allow list", error.Message);
    }

    [Fact]
    public async Task ApprovalIsAskedForDownloadsOnlyAndADeclineInstallsNothing()
    {
        using var bed = new InstallerTestBed();
        var first = bed.AddModule("First.Module", "1.0.0");
        var second = bed.AddModule("Second.Module", "1.0.0");
        var asked = new List<string>();
        bool answer = false;
        var installer = bed.NewInstaller(bed.NewFeed(), new PackageInstallerOptions
        {
            Policy = new InstallPolicy { RequireApproval = true },
            Approve = request => { asked.Add(request.Target); return answer; },
        });

        var declined = await Assert.ThrowsAsync<DepResolveException>(() => installer.InstallAsync([first], null, CancellationToken.None));
        Assert.Equal(ErrorCode.ApprovalDeclined, declined.Code);
        Assert.Contains("First.Module 1.0.0", declined.Message);
        Assert.Empty(bed.StoreEntries());

        answer = true;
        using (await installer.InstallAsync([first], null, CancellationToken.None))
        {
        }

        using (await installer.InstallAsync([first, second], null, CancellationToken.None))
        {
        }

        Assert.Equal(["First.Module 1.0.0", "First.Module 1.0.0", "Second.Module 1.0.0"], asked);
    }

    [Fact]
    public async Task AnInstallThatOutlivesItsTimeoutFailsWithTimeout()
    {
        using var bed = new InstallerTestBed();
        var package = bed.AddModule("Slow.Module", "1.0.0");
        var installer = bed.NewInstaller(bed.NewFeed(), new PackageInstallerOptions { Policy = new InstallPolicy { InstallTimeout = TimeSpan.FromMilliseconds(300) } });
        bed.Layout.EnsureCreated();
        var store = new PackageStore(bed.Layout);
        using var held = FileLock.TryAcquireExclusive(store.PackageLockOf("Slow.Module", NuGetVersion.Parse("1.0.0")));

        var error = await Assert.ThrowsAsync<DepResolveException>(() => installer.InstallAsync([package], null, CancellationToken.None));

        Assert.Equal(ErrorCode.Timeout, error.Code);
        Assert.Contains("Slow.Module", error.Message);
        Assert.Empty(bed.EnvironmentFolders());
    }
}
