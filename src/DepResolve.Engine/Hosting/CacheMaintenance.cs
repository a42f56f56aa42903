using DepResolve.Engine.Caching;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Hosting;

/// <summary>What the cache cmdlets do to a session's cache: list environments, remove one, clear what nobody uses.</summary>
internal sealed class CacheMaintenance
{
    private readonly CacheLayout _layout;
    private readonly SessionLog _log;

    public CacheMaintenance(CacheLayout layout, SessionLog log)
    {
        _layout = layout;
        _log = log;
    }

    /// <summary>Environments in the cache, most recently used first.</summary>
    public IReadOnlyList<EnvironmentInfo> GetEnvironments()
    {
        var lastUsed = new EnvironmentRegistry(_layout).ReadAll().ToDictionary(r => r.Id, r => r.LastUsedUtc, StringComparer.Ordinal);
        var environments = new EnvironmentManager(_layout).ListAll();
        foreach (var environment in environments)
        {
            environment.LastUsedUtc = lastUsed.TryGetValue(environment.Id, out var used) ? used : environment.CreatedUtc;
        }

        return environments.OrderByDescending(e => e.LastUsedUtc).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Removes one environment (never the shared package store it points into). An environment a running script
    /// holds a lease on is refused with CacheError rather than pulled from under it.
    /// </summary>
    public void RemoveEnvironment(string id)
    {
        var environments = new EnvironmentManager(_layout);
        if (environments.TryLoad(id) is null)
        {
            throw new DepResolveException(ErrorCode.InvalidInput, $"No environment with id '{id}' in the cache at '{_layout.Root}'.", id);
        }

        using (var lease = FileLock.TryAcquireExclusive(_layout.LeaseFile(id)))
        {
            if (lease is null)
            {
                throw new DepResolveException(ErrorCode.CacheError, $"Environment '{id}' is in use by a running script; it was not removed.", id);
            }

            environments.Delete(id);
        }

        new EnvironmentRegistry(_layout).Remove(id);
        new AuditLog(_layout).Write(AuditLog.For(AuditActions.RemoveEnvironment, null, id, detail: "Remove-DepResolveEnvironment"));
        _log.Verbose($"Removed environment {id} from {_layout.Root}.");
    }

    /// <summary>
    /// Removes every environment not in use, every package no remaining environment needs, the cached feed
    /// answers and resolutions, quarantined entries and lock files nobody needs, and rotates the audit log when
    /// it is over its cap (the caps of <paramref name="options"/>).
    /// </summary>
    public CacheCleanupResult Clear(DepResolveOptions options)
    {
        long PackagesAndEnvironments() => FolderSize(_layout.StoreFolder) + FolderSize(_layout.EnvironmentsFolder) + FolderSize(_layout.QuarantineFolder);
        long Records() => FolderSize(_layout.MetadataFolder) + FolderSize(_layout.ResolutionsFolder);
        var before = PackagesAndEnvironments();
        var recordsBefore = Records();
        var everyRecord = HousekeepingLimits.FromOptions(options) with { RecordTtl = TimeSpan.Zero };
        var report = new GarbageCollector(_layout, TimeSpan.Zero, maxEnvironments: 0, everyRecord).Collect();
        if (report.Skipped)
        {
            throw new DepResolveException(ErrorCode.CacheError, $"The cache at '{_layout.Root}' is busy (an install holds its lock); try again when it finishes.", _layout.Root);
        }

        foreach (var id in report.KeptInUse)
        {
            _log.Warning($"Environment {id} is in use by a running script and was kept.");
        }

        foreach (var folder in new[] { _layout.MetadataFolder, _layout.ResolutionsFolder })
        {
            AtomicFile.TryDeleteFolder(folder);
        }

        var freed = Math.Max(0, before - PackagesAndEnvironments()) + Math.Max(0, recordsBefore - Records());

        return new CacheCleanupResult
        {
            CacheRoot = _layout.Root,
            RemovedEnvironments = report.RemovedEnvironments.Count,
            RemovedPackages = report.RemovedStoreEntries.Count,
            FreedBytes = freed,
        };
    }

    private static long FolderSize(string folder) => !Directory.Exists(folder)
        ? 0
        : new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Sum(f => f.Length);
}
