using DepResolve.Engine.Feeds;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>The environment a plan names is the one the install creates, and no lease outlives an id that was never created.</summary>
public sealed class PlannedEnvironmentIdTests
{
    private static ResolvedNode WithoutHash(ResolvedNode package) => package with { Sha512 = null };

    private static string[] LeaseFiles(InstallerTestBed bed) =>
        Directory.EnumerateFiles(bed.Layout.LocksFolder, "env-*.lease").Select(Path.GetFileName).OfType<string>().ToArray();

    [Fact]
    public async Task AFolderFeedThatPublishesNoHashStillGetsAPlanNamingTheEnvironmentCreated()
    {
        using var bed = new InstallerTestBed();
        var set = new[] { WithoutHash(bed.AddModule("Plan.Module", "1.0.0")), WithoutHash(bed.AddLibrary("Plan.Lib", "2.0.0")) };
        var installer = bed.NewInstaller(new LocalFolderFeed(bed.FeedFolder, InstallerTestBed.FeedName));

        var plan = await installer.PlanAsync(set, null, CancellationToken.None);
        using var outcome = await installer.InstallAsync(set, null, CancellationToken.None);

        Assert.True(plan.IsEnvironmentIdFinal);
        Assert.Equal(plan.EnvironmentId, outcome.Environment!.Id);
        Assert.Equal(plan.EnvironmentFolder, outcome.Environment.Path);
        Assert.Equal([Path.GetFileName(bed.Layout.LeaseFile(plan.EnvironmentId))], LeaseFiles(bed));
    }

    [Fact]
    public async Task AFeedThatCannotTellAHashBeforeTheDownloadGetsAPlanThatSaysSoAndLeavesNoLeaseForAGuessedId()
    {
        using var bed = new InstallerTestBed();
        var set = new[] { WithoutHash(bed.AddModule("Remote.Module", "1.0.0")) };
        var installer = bed.NewInstaller(bed.NewFeed());

        var plan = await installer.PlanAsync(set, null, CancellationToken.None);
        using var outcome = await installer.InstallAsync(set, null, CancellationToken.None);

        Assert.False(plan.IsEnvironmentIdFinal);
        Assert.Equal(["Remote.Module 1.0.0"], plan.HashesKnownAfterDownload);
        Assert.Contains("Remote.Module 1.0.0", plan.EnvironmentLabel);
        Assert.DoesNotContain(plan.EnvironmentId, plan.EnvironmentLabel);
        Assert.Equal([Path.GetFileName(bed.Layout.LeaseFile(outcome.Environment!.Id))], LeaseFiles(bed));
        Assert.Equal(outcome.Environment.Id, outcome.Plan.EnvironmentId);
    }

    [Fact]
    public async Task AnInstallThatFailsLeavesNoLeaseFileForTheEnvironmentItPlanned()
    {
        using var bed = new InstallerTestBed();
        var good = bed.AddModule("Fail.Good", "1.0.0");
        var other = bed.AddModule("Fail.Other", "1.0.0");
        var wrong = other with { Sha512 = good.Sha512 };
        var installer = bed.NewInstaller(bed.NewFeed());

        var error = await Assert.ThrowsAsync<DepResolveException>(() => installer.InstallAsync([good, wrong], null, CancellationToken.None));

        Assert.Equal(ErrorCode.HashMismatch, error.Code);
        Assert.Empty(bed.EnvironmentFolders());
        Assert.Empty(LeaseFiles(bed));
    }

    [Fact]
    public async Task TheEnvironmentAConfirmPromptNamesIsTheOneTheResolutionCreates()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Confirm.Module", "1.0.0").AsModule(functions: ["Get-ConfirmModule"]).Build(feed);
        var asked = new List<string>();
        var callbacks = new SessionCallbacks
        {
            ShouldProcess = (_, action) =>
            {
                lock (asked)
                {
                    asked.Add(action);
                }

                return true;
            },
        };
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] }, callbacks);

        var result = await session.ResolvePackagesAsync(new Dictionary<string, string?> { ["Confirm.Module"] = "1.0.0" }, new ResolveRequest(), CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Contains($"Create environment {result.EnvironmentId}", asked);
        var leases = Directory.EnumerateFiles(Path.Combine(session.CacheRoot, "locks"), "env-*.lease").Select(Path.GetFileName).OfType<string>().ToArray();
        Assert.Equal([$"env-{result.EnvironmentId}.lease"], leases);
    }
}
