using DepResolve.Engine.Installation;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>Installs in real child processes: killed mid-install, and eight at once.</summary>
public class InstallWorkerTests
{
    public static TheoryData<string> Checkpoints => new(InstallCheckpoints.All);

    [Theory]
    [MemberData(nameof(Checkpoints))]
    public async Task AProcessKilledAtAnyPointLeavesAStoreThatVerifiesAndARetrySucceeds(string checkpoint)
    {
        using var bed = new InstallerTestBed();
        var set = new[] { bed.AddModule("Crash.Module", "1.0.0"), bed.AddModule("Crash.Other", "2.0.0") };
        var packagesFile = InstallWorkerProcess.WritePackages(bed, set);

        var crashed = await InstallWorkerProcess.WaitAsync(InstallWorkerProcess.Start(bed, packagesFile, crashAt: checkpoint));

        Assert.NotEqual(0, crashed.ExitCode);
        Assert.Contains("crash requested at " + checkpoint, crashed.Error + crashed.Output);
        var store = new PackageStore(bed.Layout);
        foreach (var folder in bed.StoreEntries())
        {
            if (store.TryLoad(folder) is { } complete)
            {
                Assert.Empty(store.Verify(complete, full: true));
            }
        }

        Assert.Empty(bed.EnvironmentFolders());

        var feed = bed.NewFeed();
        using var retry = await bed.NewInstaller(feed).InstallAsync(set, null, CancellationToken.None);

        Assert.True(retry.Environment!.Created);
        Assert.Empty(store.VerifyAll(full: true));
        Assert.Equal(2, bed.StoreEntries().Count);
        Assert.Empty(bed.TempLeftovers());
        Assert.All(retry.Environment.ModulePathEntries, e => Assert.True(Directory.Exists(e)));
    }

    [Fact]
    public async Task EightProcessesInstallingTheSameSetAllSucceedAndDownloadEachPackageOnce()
    {
        using var bed = new InstallerTestBed();
        var set = new[] { bed.AddModule("Busy.Module", "1.0.0"), bed.AddModule("Busy.Other", "3.0.0"), bed.AddLibrary("Busy.Lib", "1.2.0") };
        var packagesFile = InstallWorkerProcess.WritePackages(bed, set);

        var workers = Enumerable.Range(0, 8).Select(_ => InstallWorkerProcess.Start(bed, packagesFile)).ToList();
        var results = await Task.WhenAll(workers.Select(InstallWorkerProcess.WaitAsync));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output + r.Error));
        var environmentId = EnvironmentId.Compute(set, null);
        Assert.All(results, r => Assert.StartsWith($"environment {environmentId} ", r.Output));
        Assert.Equal(3, results.Sum(r => int.Parse(r.Output.Trim().Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)));

        var audit = new AuditLog(bed.Layout).ReadAll();
        foreach (var package in set)
        {
            Assert.Single(audit, a => a.Action == AuditActions.Install && a.Package == package.Id);
            Assert.Equal(7, audit.Count(a => a.Action == AuditActions.Reuse && a.Package == package.Id));
        }

        Assert.Single(audit, a => a.Action == AuditActions.CreateEnvironment);
        Assert.Equal(7, audit.Count(a => a.Action == AuditActions.ReuseEnvironment));
        Assert.Equal(8, audit.Select(a => a.ProcessId).Distinct().Count());
        Assert.Empty(new PackageStore(bed.Layout).VerifyAll(full: true));
        Assert.Equal(3, bed.StoreEntries().Count);
        Assert.Single(bed.EnvironmentFolders());
        Assert.Empty(bed.TempLeftovers());
    }
}
