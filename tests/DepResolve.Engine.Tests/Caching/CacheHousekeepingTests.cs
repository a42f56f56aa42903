using DepResolve.Engine.Caching;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;
using DepResolve.Engine.Tests.Installation;

namespace DepResolve.Engine.Tests.Caching;

/// <summary>Garbage collection keeps resolutions, feed answers, quarantined entries, lock files and the audit log bounded.</summary>
public sealed class CacheHousekeepingTests
{
    private static readonly DateTime Now = DateTime.UtcNow;

    private static GarbageCollectionReport Collect(InstallerTestBed bed, HousekeepingLimits limits) =>
        new GarbageCollector(bed.Layout, TimeSpan.FromDays(365), 100, () => Now, TimeSpan.FromSeconds(5), limits).Collect();

    private static string Record(string folder, string name, DateTime lastUsed, int bytes = 10)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, new string('x', bytes));
        File.SetLastWriteTimeUtc(path, lastUsed);
        return path;
    }

    [Fact]
    public void ResolutionsUnusedForTheRecordTtlGoAndBeyondTheCountTheLeastRecentlyUsedGo()
    {
        using var bed = new InstallerTestBed();
        bed.Layout.EnsureCreated();
        var stale = Record(bed.Layout.ResolutionsFolder, "stale.json", Now.AddDays(-31));
        var recent = Enumerable.Range(0, 4).Select(i => Record(bed.Layout.ResolutionsFolder, $"r{i}.json", Now.AddMinutes(-i))).ToList();
        var abandonedWrite = Record(bed.Layout.ResolutionsFolder, ".r0.json.1234abcd.tmp", Now.AddHours(-2));
        var writeInFlight = Record(bed.Layout.ResolutionsFolder, ".r1.json.5678abcd.tmp", Now);

        var report = Collect(bed, HousekeepingLimits.Default with { RecordTtl = TimeSpan.FromDays(30), MaxResolutionRecords = 3 });

        Assert.Equal(2, report.RemovedResolutions);
        Assert.False(File.Exists(stale));
        Assert.All(recent.Take(3), r => Assert.True(File.Exists(r)));
        Assert.False(File.Exists(recent[3]));
        Assert.False(File.Exists(abandonedWrite));
        Assert.True(File.Exists(writeInFlight));
    }

    [Fact]
    public void MetadataUnusedForTheRecordTtlGoesAndBeyondTheByteCapTheLeastRecentlyUsedGoes()
    {
        using var bed = new InstallerTestBed();
        bed.Layout.EnsureCreated();
        var feedA = Path.Combine(bed.Layout.MetadataFolder, "a-1234");
        var feedB = Path.Combine(bed.Layout.MetadataFolder, "b-5678");
        var stale = Record(feedA, "old.all.json", Now.AddDays(-40));
        var newest = Record(feedB, "x.all.json", Now.AddMinutes(-1), bytes: 400);
        var older = Record(feedB, "y.all.json", Now.AddMinutes(-2), bytes: 400);
        var oldest = Record(feedB, "z.all.json", Now.AddMinutes(-3), bytes: 400);

        var report = Collect(bed, HousekeepingLimits.Default with { MaxMetadataCacheBytes = 1000 });

        Assert.Equal(2, report.RemovedMetadataFiles);
        Assert.False(File.Exists(stale));
        Assert.False(Directory.Exists(feedA));
        Assert.True(File.Exists(newest));
        Assert.True(File.Exists(older));
        Assert.False(File.Exists(oldest));
    }

    [Fact]
    public void AResolutionReadFromTheCacheCountsAsUsedAndOutlivesTheTtl()
    {
        using var bed = new InstallerTestBed();
        var cache = new ResolutionCache(bed.Layout);
        cache.Put("used", new ResolutionResult { Success = true });
        cache.Put("unused", new ResolutionResult { Success = true });
        foreach (var name in new[] { "used", "unused" })
        {
            File.SetLastWriteTimeUtc(Path.Combine(bed.Layout.ResolutionsFolder, name + ".json"), Now.AddDays(-31));
        }

        Assert.NotNull(cache.TryGet("used"));
        var report = Collect(bed, HousekeepingLimits.Default);

        Assert.Equal(1, report.RemovedResolutions);
        Assert.NotNull(cache.TryGet("used"));
        Assert.Null(cache.TryGet("unused"));
    }

    [Fact]
    public void EntriesQuarantinedLongerAgoThanTheTtlAreRemoved()
    {
        using var bed = new InstallerTestBed();
        bed.Layout.EnsureCreated();
        var old = Path.Combine(bed.Layout.QuarantineFolder, "mod-1.0.0-abcd-" + Now.AddDays(-31).ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture));
        var recent = Path.Combine(bed.Layout.QuarantineFolder, "mod-1.0.0-abcd-" + Now.AddDays(-1).ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var folder in new[] { old, recent })
        {
            Directory.CreateDirectory(Path.Combine(folder, "content"));
            File.WriteAllText(Path.Combine(folder, "content", "a.psm1"), "x");
        }

        var report = Collect(bed, HousekeepingLimits.Default);

        Assert.Equal(1, report.RemovedQuarantinedEntries);
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(recent));
    }

    [Fact]
    public async Task LockAndLeaseFilesOfRemovedEnvironmentsAndPackagesGoUnlessAProcessHoldsThem()
    {
        using var bed = new InstallerTestBed();
        var kept = bed.AddModule("Lock.Kept", "1.0.0");
        var dropped = bed.AddModule("Lock.Dropped", "1.0.0");
        var installer = bed.NewInstaller(bed.NewFeed());
        string keptId, droppedId;
        using (var outcome = await installer.InstallAsync([kept], null, CancellationToken.None))
        {
            keptId = outcome.Environment!.Id;
        }

        using (var outcome = await installer.InstallAsync([dropped], null, CancellationToken.None))
        {
            droppedId = outcome.Environment!.Id;
        }

        new Engine.Hosting.DepResolveSession(new Engine.Hosting.SessionSettings { CacheDirectory = bed.CacheRoot }).RemoveEnvironment(droppedId);
        var goneButHeld = "0123456789ab";
        using var heldLease = await installer.Environments.AcquireLeaseAsync(goneButHeld, TimeSpan.FromSeconds(5), CancellationToken.None);
        var abandonedStaging = bed.Layout.LockFile("staging-pkg-crashed");
        File.WriteAllText(abandonedStaging, "");
        var unknown = Path.Combine(bed.Layout.LocksFolder, "run-something.lease");
        File.WriteAllText(unknown, "");

        var report = new GarbageCollector(bed.Layout, TimeSpan.FromDays(1), 100).Collect();

        string[] Locks() => Directory.EnumerateFiles(bed.Layout.LocksFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        Assert.DoesNotContain(Path.GetFileName(bed.Layout.LeaseFile(droppedId)), Locks());
        Assert.DoesNotContain(Path.GetFileName(bed.Layout.LockFile("env-" + droppedId)), Locks());
        Assert.DoesNotContain("pkg-lock.dropped-1.0.0.lock", Locks());
        Assert.DoesNotContain(Path.GetFileName(abandonedStaging), Locks());
        Assert.Contains(Path.GetFileName(bed.Layout.LeaseFile(goneButHeld)), Locks());
        Assert.Contains(Path.GetFileName(bed.Layout.LeaseFile(keptId)), Locks());
        Assert.Contains("pkg-lock.kept-1.0.0.lock", Locks());
        Assert.Contains("store.lock", Locks());
        Assert.Contains("audit.lock", Locks());
        Assert.Contains("run-something.lease", Locks());
        Assert.Equal(4, report.RemovedLockFiles);

        heldLease.Dispose();
        Assert.Equal(1, new GarbageCollector(bed.Layout, TimeSpan.FromDays(1), 100).Collect().RemovedLockFiles);
        Assert.DoesNotContain(Path.GetFileName(bed.Layout.LeaseFile(goneButHeld)), Locks());

        // The kept environment is still usable after the sweep: its lease is taken again and the warm path finds it.
        using var reused = await installer.TryReuseEnvironmentAsync([kept], null, CancellationToken.None);
        Assert.Equal(keptId, reused!.Environment!.Id);
    }

    [Fact]
    public async Task ALockRequestedWhileASweepRunsWaitsForItInsteadOfFailing()
    {
        using var bed = new InstallerTestBed();
        bed.Layout.EnsureCreated();
        var sweepLock = Path.Combine(bed.Layout.LocksFolder, FileLock.SweepLockName);
        var sweep = new FileStream(sweepLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var release = Task.Run(async () =>
        {
            await Task.Delay(300);
            sweep.Dispose();
        });

        using var staging = FileLock.TryAcquireExclusive(bed.Layout.LockFile("staging-new"));

        Assert.NotNull(staging);
        await release;
    }

    [Fact]
    public void TheAuditLogIsRotatedAtItsCapKeepingTheConfiguredNumberOfOldLogs()
    {
        using var bed = new InstallerTestBed();
        bed.Layout.EnsureCreated();
        var log = new AuditLog(bed.Layout, new AuditLogLimits(MaxBytes: 1000, Files: 2));
        for (var i = 0; i < 40; i++)
        {
            log.Write(new AuditEntry { Action = AuditActions.Reuse, Package = "Pkg" + i, Detail = new string('d', 40) });
        }

        Assert.True(new FileInfo(log.FilePath).Length < 1000 || !File.Exists(log.FilePath));
        Assert.True(File.Exists(log.RotatedFilePath(1)));
        Assert.True(File.Exists(log.RotatedFilePath(2)));
        Assert.False(File.Exists(log.RotatedFilePath(3)));
        var lines = new[] { log.RotatedFilePath(2), log.RotatedFilePath(1), log.FilePath }
            .Where(File.Exists).SelectMany(File.ReadAllLines).ToList();
        // The newest lines are all there, in order, and none is cut.
        Assert.Equal("Pkg39", Newtonsoft.Json.JsonConvert.DeserializeObject<AuditEntry>(lines[^1])!.Package);
        var packages = lines.Select(l => Newtonsoft.Json.JsonConvert.DeserializeObject<AuditEntry>(l)!.Package!).ToList();
        var first = int.Parse(packages[0][3..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Enumerable.Range(first, 40 - first).Select(i => "Pkg" + i), packages);
        Assert.True(first > 0);
    }

    [Fact]
    public void GarbageCollectionRotatesALogThatIsAlreadyOverALoweredCap()
    {
        using var bed = new InstallerTestBed();
        bed.Layout.EnsureCreated();
        new AuditLog(bed.Layout).Write(new AuditEntry { Action = AuditActions.Reuse, Detail = new string('d', 500) });

        var report = Collect(bed, HousekeepingLimits.Default with { AuditLog = new AuditLogLimits(MaxBytes: 100, Files: 3) });

        Assert.True(report.AuditLogRotated);
        Assert.False(File.Exists(bed.Layout.AuditLogFile));
        Assert.Single(new AuditLog(bed.Layout).ReadAll().Concat(ReadRotated(bed)));
    }

    private static IEnumerable<AuditEntry> ReadRotated(InstallerTestBed bed) =>
        File.ReadAllLines(Path.Combine(bed.Layout.Root, "audit.1.log")).Select(l => Newtonsoft.Json.JsonConvert.DeserializeObject<AuditEntry>(l)!);
}
