using System.Globalization;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Caching;

/// <summary>
/// Keeps the cache's bookkeeping bounded; part of every garbage collection, under the exclusive store lock:
/// <list type="bullet">
/// <item>resolutions/: records unused for <see cref="HousekeepingLimits.RecordTtl"/> go, then the least recently used beyond <see cref="HousekeepingLimits.MaxResolutionRecords"/>;</item>
/// <item>metadata/: feed answers unused for the TTL go, then the least recently used beyond <see cref="HousekeepingLimits.MaxMetadataCacheBytes"/>;</item>
/// <item>quarantine/: entries quarantined longer ago than the TTL;</item>
/// <item>locks/: lock and lease files whose subject is gone (environment, store version, staging folder) and that no process holds;</item>
/// <item>temporary files of writes a killed process left behind, and audit.log rotation when it is over its cap.</item>
/// </list>
/// A record's last use is its file's last-write time: writing it, a resolution cache hit and an offline read refresh it.
/// </summary>
internal sealed class CacheHousekeeping
{
    private static readonly TimeSpan AbandonedWriteAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan SweepWait = TimeSpan.FromSeconds(2);
    private readonly CacheLayout _layout;
    private readonly HousekeepingLimits _limits;
    private readonly DateTime _nowUtc;

    public CacheHousekeeping(CacheLayout layout, HousekeepingLimits limits, DateTime nowUtc)
    {
        _layout = layout;
        _limits = limits;
        _nowUtc = nowUtc;
    }

    /// <summary>Removes what is beyond the limits and fills the housekeeping figures of <paramref name="report"/>.</summary>
    public void Run(GarbageCollectionReport report)
    {
        report.RemovedResolutions = Trim(Records(_layout.ResolutionsFolder), countLimit: _limits.MaxResolutionRecords, byteLimit: null);
        report.RemovedMetadataFiles = Trim(Records(_layout.MetadataFolder), countLimit: null, byteLimit: _limits.MaxMetadataCacheBytes);
        RemoveEmptyFolders(_layout.MetadataFolder);
        report.RemovedQuarantinedEntries = RemoveOldQuarantine();
        report.RemovedLockFiles = RemoveObsoleteLockFiles();
        report.AuditLogRotated = new AuditLog(_layout, _limits.AuditLog).RotateIfFull();
    }

    /// <summary>Every record file below <paramref name="folder"/>; temporary files of abandoned writes are deleted on the way.</summary>
    private List<FileInfo> Records(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return new List<FileInfo>();
        }

        var records = new List<FileInfo>();
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            if (file.Name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                if (_nowUtc - file.LastWriteTimeUtc > AbandonedWriteAge)
                {
                    AtomicFile.TryDelete(file.FullName);
                }

                continue;
            }

            records.Add(file);
        }

        return records;
    }

    /// <summary>Removes records unused for the TTL, then the least recently used beyond the limits; returns how many.</summary>
    private int Trim(List<FileInfo> records, int? countLimit, long? byteLimit)
    {
        var newestFirst = records.OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        var removed = 0;
        long keptBytes = 0;
        var kept = 0;
        foreach (var record in newestFirst)
        {
            var expired = _nowUtc - record.LastWriteTimeUtc > _limits.RecordTtl;
            var overCount = countLimit is { } maxCount && kept >= maxCount;
            var overBytes = byteLimit is { } maxBytes && keptBytes + record.Length > maxBytes;
            if (expired || overCount || overBytes)
            {
                AtomicFile.TryDelete(record.FullName);
                removed += File.Exists(record.FullName) ? 0 : 1;
                continue;
            }

            kept++;
            keptBytes += record.Length;
        }

        return removed;
    }

    private static void RemoveEmptyFolders(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            try
            {
                if (!Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A writer just created it: it stays.
            }
        }
    }

    /// <summary>Quarantined entries are named ...-yyyyMMddHHmmssfff (the time they were moved there).</summary>
    private int RemoveOldQuarantine()
    {
        if (!Directory.Exists(_layout.QuarantineFolder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(_layout.QuarantineFolder))
        {
            var stamp = Path.GetFileName(folder).Split('-')[^1];
            var quarantined = DateTime.TryParseExact(stamp, "yyyyMMddHHmmssfff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : Directory.GetLastWriteTimeUtc(folder);
            if (_nowUtc - quarantined > _limits.RecordTtl && AtomicFile.TryDeleteFolder(folder))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>
    /// Lock files exist for environments (env-&lt;id&gt;.lease, env-&lt;id&gt;.lock), store versions (pkg-&lt;id&gt;-&lt;version&gt;.lock)
    /// and staging folders (staging-&lt;name&gt;.lock); once their subject is gone and nobody holds them they are removed.
    /// Other lock files (store, registry, audit and any this version does not know) are a fixed few and stay.
    /// </summary>
    private int RemoveObsoleteLockFiles()
    {
        if (!Directory.Exists(_layout.LocksFolder))
        {
            return 0;
        }

        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var environment in Subfolders(_layout.EnvironmentsFolder))
        {
            live.Add(Path.GetFileName(_layout.LeaseFile(environment)));
            live.Add(Path.GetFileName(_layout.LockFile("env-" + environment)));
        }

        foreach (var id in Subfolders(_layout.StoreFolder))
        {
            foreach (var version in Subfolders(Path.Combine(_layout.StoreFolder, id)))
            {
                live.Add(Path.GetFileName(_layout.LockFile("pkg-" + id + "-" + version)));
            }
        }

        foreach (var staging in Subfolders(_layout.TempFolder))
        {
            live.Add(Path.GetFileName(_layout.LockFile("staging-" + staging)));
        }

        var obsolete = Directory.EnumerateFiles(_layout.LocksFolder)
            .Where(path => IsPerSubjectLock(Path.GetFileName(path)) && !live.Contains(Path.GetFileName(path)))
            .ToList();
        return FileLock.RemoveUnheld(obsolete, SweepWait).Count;
    }

    private static bool IsPerSubjectLock(string name) =>
        (name.StartsWith("env-", StringComparison.Ordinal) && (name.EndsWith(".lease", StringComparison.Ordinal) || name.EndsWith(".lock", StringComparison.Ordinal)))
        || (name.StartsWith("pkg-", StringComparison.Ordinal) && name.EndsWith(".lock", StringComparison.Ordinal))
        || (name.StartsWith("staging-", StringComparison.Ordinal) && name.EndsWith(".lock", StringComparison.Ordinal));

    private static IEnumerable<string> Subfolders(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>() : Enumerable.Empty<string>();
}
