using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Caching;

/// <summary>
/// Removes environments unused for longer than the TTL (default 24 h) and the least recently used ones beyond
/// the maximum count (default 10) — never one in use (leased) — then store entries no remaining environment
/// references, then staging folders abandoned by crashed processes; then keeps the cache's bookkeeping bounded
/// (<see cref="CacheHousekeeping"/>: old resolutions, feed answers, quarantined entries, lock files, audit log).
/// </summary>
internal sealed class GarbageCollector
{
    private readonly CacheLayout _layout;
    private readonly TimeSpan _ttl;
    private readonly int _maxEnvironments;
    private readonly Func<DateTime> _utcNow;
    private readonly TimeSpan _storeLockTimeout;
    private readonly HousekeepingLimits _housekeeping;

    public GarbageCollector(CacheLayout layout, TimeSpan ttl, int maxEnvironments, HousekeepingLimits? housekeeping = null)
        : this(layout, ttl, maxEnvironments, () => DateTime.UtcNow, TimeSpan.FromSeconds(5), housekeeping)
    {
    }

    public static GarbageCollector FromOptions(CacheLayout layout, Configuration.DepResolveOptions options) =>
        new(layout, options.EnvironmentTtl, options.MaxEnvironments, HousekeepingLimits.FromOptions(options));

    internal GarbageCollector(CacheLayout layout, TimeSpan ttl, int maxEnvironments, Func<DateTime> utcNow, TimeSpan storeLockTimeout, HousekeepingLimits? housekeeping = null)
    {
        _layout = layout;
        _ttl = ttl;
        _maxEnvironments = Math.Max(0, maxEnvironments);
        _utcNow = utcNow;
        _storeLockTimeout = storeLockTimeout;
        _housekeeping = housekeeping ?? HousekeepingLimits.Default;
    }

    public GarbageCollectionReport Collect()
    {
        if (!Directory.Exists(_layout.Root))
        {
            return new GarbageCollectionReport();
        }

        FileLock storeLock;
        try
        {
            storeLock = FileLock.AcquireExclusive(StoreLock.PathOf(_layout), _storeLockTimeout);
        }
        catch (DepResolveException e) when (e.Code == ErrorCode.Timeout)
        {
            return new GarbageCollectionReport { Skipped = true };
        }

        using (storeLock)
        {
            var environments = new EnvironmentManager(_layout);
            var registry = new EnvironmentRegistry(_layout);
            var audit = new AuditLog(_layout, _housekeeping.AuditLog);
            var store = new PackageStore(_layout);
            var now = _utcNow();
            var lastUsed = registry.ReadAll().ToDictionary(r => r.Id, r => r.LastUsedUtc, StringComparer.Ordinal);

            var removed = new List<string>();
            var keptInUse = new List<string>();
            var remaining = new List<EnvironmentInfo>();
            var byRecency = environments.ListAll()
                .OrderByDescending(e => lastUsed.TryGetValue(e.Id, out var used) ? used : e.CreatedUtc)
                .ToList();
            for (var index = 0; index < byRecency.Count; index++)
            {
                var environment = byRecency[index];
                var used = lastUsed.TryGetValue(environment.Id, out var time) ? time : environment.CreatedUtc;
                var due = now - used > _ttl || index >= _maxEnvironments;
                if (!due)
                {
                    remaining.Add(environment);
                    continue;
                }

                using var lease = FileLock.TryAcquireExclusive(_layout.LeaseFile(environment.Id));
                if (lease is null)
                {
                    keptInUse.Add(environment.Id);
                    remaining.Add(environment);
                    continue;
                }

                environments.Delete(environment.Id);
                registry.Remove(environment.Id);
                removed.Add(environment.Id);
                audit.Write(AuditLog.For(AuditActions.RemoveEnvironment, null, environment.Id,
                    detail: now - used > _ttl ? $"unused since {used:o}" : $"beyond the newest {_maxEnvironments} environments"));
            }

            foreach (var orphan in registry.ReadAll().Where(r => !Directory.Exists(environments.FolderOf(r.Id))))
            {
                registry.Remove(orphan.Id);
            }

            var referenced = new HashSet<string>(remaining.SelectMany(e => e.StoreEntries).Select(Path.GetFullPath), PlatformPaths.Comparer);
            var removedEntries = new List<string>();
            foreach (var folder in store.EnumerateEntryFolders().ToList())
            {
                if (referenced.Contains(Path.GetFullPath(folder)))
                {
                    continue;
                }

                var entry = store.TryLoad(folder);
                store.Remove(folder, removeEmptyParents: true);
                removedEntries.Add(store.RelativeToRoot(folder));
                if (entry is not null)
                {
                    audit.Write(new AuditEntry
                    {
                        Action = AuditActions.Remove,
                        Package = entry.Manifest.Id,
                        Version = entry.Manifest.Version,
                        Source = entry.Manifest.Source,
                        Sha512 = entry.Manifest.Sha512,
                        Detail = "no environment references it",
                    });
                }
            }

            var report = new GarbageCollectionReport
            {
                RemovedEnvironments = removed,
                KeptInUse = keptInUse,
                RemovedStoreEntries = removedEntries,
                RemovedTempFolders = StagingFolder.CleanAbandoned(_layout),
            };
            new CacheHousekeeping(_layout, _housekeeping, now).Run(report);
            return report;
        }
    }
}
