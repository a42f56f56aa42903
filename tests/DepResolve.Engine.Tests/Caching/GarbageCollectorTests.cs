using DepResolve.Engine.Caching;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Installation;

namespace DepResolve.Engine.Tests.Caching;

public class GarbageCollectorTests
{
    [Fact]
    public async Task ExpiredEnvironmentsGoUnlessInUseAndUnreferencedStoreEntriesGoWithThem()
    {
        using var bed = new InstallerTestBed();
        var shared = bed.AddModule("Shared.Module", "1.0.0");
        var onlyOld = bed.AddModule("Only.Old", "1.0.0");
        var onlyLeased = bed.AddModule("Only.Leased", "1.0.0");
        var installer = bed.NewInstaller(bed.NewFeed());

        using (await installer.InstallAsync([shared, onlyOld], null, CancellationToken.None))
        {
        }

        var inUse = await installer.InstallAsync([shared, onlyLeased], null, CancellationToken.None);
        var oldId = EnvironmentId.Compute([shared, onlyOld], null);

        var collector = new GarbageCollector(bed.Layout, TimeSpan.FromHours(24), 10, () => DateTime.UtcNow.AddHours(25), TimeSpan.FromSeconds(5));
        var report = collector.Collect();

        Assert.Equal([oldId], report.RemovedEnvironments);
        Assert.Equal([inUse.Environment!.Id], report.KeptInUse);
        Assert.False(Directory.Exists(installer.Environments.FolderOf(oldId)));
        Assert.NotNull(installer.Environments.TryLoad(inUse.Environment.Id));
        var removedEntry = Assert.Single(report.RemovedStoreEntries);
        Assert.Contains("only.old", removedEntry);
        Assert.Equal(2, bed.StoreEntries().Count);
        Assert.All(inUse.Environment.StoreEntries, e => Assert.True(Directory.Exists(e)));
        Assert.Contains(installer.Audit.ReadAll(), a => a.Action == AuditActions.RemoveEnvironment && a.Environment == oldId);
        Assert.Contains(installer.Audit.ReadAll(), a => a.Action == AuditActions.Remove && a.Package == "Only.Old");
        Assert.DoesNotContain(new EnvironmentRegistry(bed.Layout).ReadAll(), r => r.Id == oldId);

        inUse.Dispose();
        var afterRelease = collector.Collect();
        Assert.Equal([inUse.Environment.Id], afterRelease.RemovedEnvironments);
        Assert.Empty(bed.StoreEntries());
        Assert.Empty(bed.EnvironmentFolders());
    }

    [Fact]
    public async Task BeyondTheMaximumCountTheLeastRecentlyUsedGo()
    {
        using var bed = new InstallerTestBed();
        var packages = Enumerable.Range(1, 3).Select(i => bed.AddModule("Module" + i, "1.0.0")).ToList();
        var installer = bed.NewInstaller(bed.NewFeed());
        var ids = new List<string>();
        foreach (var package in packages)
        {
            using var outcome = await installer.InstallAsync([package], null, CancellationToken.None);
            ids.Add(outcome.Environment!.Id);
        }

        // Module1 used again last: Module2 is now the least recently used.
        using (await installer.InstallAsync([packages[0]], null, CancellationToken.None))
        {
        }

        var report = new GarbageCollector(bed.Layout, TimeSpan.FromHours(24), maxEnvironments: 2).Collect();

        Assert.Equal([ids[1]], report.RemovedEnvironments);
        Assert.Equal(2, bed.EnvironmentFolders().Count);
        Assert.Equal(2, bed.StoreEntries().Count);
    }

    [Fact]
    public void AbandonedStagingFoldersAreCleanedButOwnedOnesAreNot()
    {
        using var bed = new InstallerTestBed();
        bed.Layout.EnsureCreated();
        var abandoned = Path.Combine(bed.Layout.TempFolder, "pkg-crashed");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, "half.nupkg"), "partial");

        using (var owned = StagingFolderProbe.Create(bed.Layout))
        {
            Assert.Equal(1, new GarbageCollector(bed.Layout, TimeSpan.FromHours(24), 10).Collect().RemovedTempFolders);
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(owned.Path));
        }

        Assert.Empty(bed.TempLeftovers());
    }

    [Fact]
    public void CollectionIsSkippedWhileAnInstallHoldsTheStore()
    {
        using var bed = new InstallerTestBed();
        bed.Layout.EnsureCreated();
        using var installing = FileLock.TryAcquireShared(StoreLock.PathOf(bed.Layout));

        var report = new GarbageCollector(bed.Layout, TimeSpan.Zero, 0, () => DateTime.UtcNow, TimeSpan.FromMilliseconds(100)).Collect();

        Assert.True(report.Skipped);
    }

    private static class StagingFolderProbe
    {
        public static StagingFolder Create(CacheLayout layout) => StagingFolder.Create(layout, "pkg");
    }
}
