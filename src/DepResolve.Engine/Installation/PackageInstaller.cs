using DepResolve.Engine.Feeds;
using DepResolve.Engine.InstallSafety;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;
using NuGet.Versioning;

namespace DepResolve.Engine.Installation;

/// <summary>
/// Installs a resolved set into the store and materialises its environment (the seed's DependencyInstaller and
/// VirtualEnvironmentManager). Policy first (deny, allow, prerelease, approval, dry run), then every package
/// into the store, then the environment — which is created only when every package succeeded.
/// </summary>
internal sealed class PackageInstaller
{
    // Below this many store entries the warm path's two checks run one after the other: a thread costs more than they do.
    private const int SideBySideCheckEntries = 100;
    private readonly CacheLayout _layout;
    private readonly IReadOnlyList<IPackageFeed> _feeds;
    private readonly PackageInstallerOptions _options;
    private readonly PolicyEvaluator _policy;
    private readonly PackageStore _store;
    private readonly EnvironmentManager _environments;
    private readonly EnvironmentRegistry _registry;
    private readonly AuditLog _audit;

    public PackageInstaller(CacheLayout layout, IReadOnlyList<IPackageFeed> feeds, PackageInstallerOptions options)
    {
        _layout = layout;
        _feeds = feeds;
        _options = options;
        _policy = new PolicyEvaluator(options.Policy);
        _store = new PackageStore(layout);
        _environments = new EnvironmentManager(layout);
        _registry = new EnvironmentRegistry(layout);
        _audit = new AuditLog(layout, options.AuditLog);
    }

    public PackageStore Store => _store;

    public EnvironmentManager Environments => _environments;

    public AuditLog Audit => _audit;

    /// <summary>
    /// What <see cref="InstallAsync"/> would do for <paramref name="packages"/>; reads the store, writes nothing.
    /// Policy refusals (deny, allow, prerelease) are thrown as they would be by the install. With
    /// <paramref name="withSizes"/>, the size of each package to download that the resolution did not learn (a
    /// Locked one knows only versions) is asked of its feed, all at once: only for a plan someone will read. A package
    /// that <paramref name="prefetched"/> has already put into the store is taken from it instead of searched for.
    /// </summary>
    public async Task<InstallPlan> PlanAsync(IReadOnlyList<ResolvedNode> packages, string? baseEnvironmentId, CancellationToken cancellationToken, bool withSizes = true, PackagePrefetcher? prefetched = null)
    {
        foreach (var package in packages)
        {
            _policy.EnsureAllowed(package.Id, package.Version);
        }

        var ordered = packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToList();
        var existingEntries = ordered.Select(p => prefetched?.FinishedEntryOf(p) ?? _store.Find(p.Id, p.Version, p.Sha512)).ToList();
        var sizes = await Task.WhenAll(ordered.Select((package, i) => withSizes && existingEntries[i] is null ? SizeOfAsync(package, cancellationToken) : Task.FromResult(package.Size))).ConfigureAwait(false);
        var feedHashes = await Task.WhenAll(ordered.Select((package, i) => package.Sha512 is null && existingEntries[i] is null ? ContentSha512Async(package, cancellationToken) : Task.FromResult<string?>(null))).ConfigureAwait(false);
        var items = new List<InstallPlanItem>();
        var contentHashes = new List<(string Id, NuGetVersion Version, string? Sha512)>();
        var hashesUnknown = new List<string>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (package, existing, size) = (ordered[i], existingEntries[i], sizes[i]);
            var sha512 = package.Sha512 ?? existing?.Manifest.Sha512 ?? feedHashes[i];
            contentHashes.Add((package.Id, package.Version, sha512));
            if (sha512 is null)
            {
                hashesUnknown.Add(package.ToString());
            }

            items.Add(new InstallPlanItem
            {
                Id = package.Id,
                Version = package.Version.ToNormalizedString(),
                Source = existing?.Manifest.Source ?? package.FeedName,
                Size = existing?.Manifest.PackageSize ?? size,
                TargetFolder = existing?.Folder
                    ?? (string.IsNullOrEmpty(package.Sha512) ? _store.VersionFolderOf(package.Id, package.Version) : _store.EntryFolderOf(package.Id, package.Version, package.Sha512)),
                AlreadyInStore = existing is not null,
            });
        }

        // Hashes a feed did not publish are taken from the store when the package is already there, or from a feed that
        // can tell them without a download (a local folder), so a set names the same environment whether or not its
        // hashes were published, and the plan names the environment the install creates.
        var environmentId = EnvironmentId.Compute(contentHashes, baseEnvironmentId);
        return new InstallPlan
        {
            Items = items,
            EnvironmentId = environmentId,
            HashesKnownAfterDownload = hashesUnknown,
            EnvironmentFolder = _environments.FolderOf(environmentId),
            EnvironmentExists = _environments.TryLoad(environmentId) is not null,
        };
    }

    private async Task<string?> ContentSha512Async(ResolvedNode package, CancellationToken cancellationToken)
    {
        if (_options.Offline || FeedFor(package) is not { } feed)
        {
            return null;
        }

        return await feed.TryGetContentSha512Async(package.Id, package.Version, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long?> SizeOfAsync(ResolvedNode package, CancellationToken cancellationToken)
    {
        if (package.Size is not null || _options.Offline || FeedFor(package) is not { } feed)
        {
            return package.Size;
        }

        return (await feed.GetMetadataAsync(package.Id, package.Version, cancellationToken).ConfigureAwait(false))?.PackageSize;
    }

    /// <summary>
    /// Installs the set and returns its environment with a lease held (dispose the outcome when the run ends).
    /// With a dry-run policy returns the plan only. Errors: DeniedByPolicy, ApprovalDeclined, PackageNotFound
    /// (offline, naming every missing package), HashMismatch, InvalidPackage, Timeout, PermissionDenied,
    /// InstallationFailed, EnvironmentCreationFailed.
    /// </summary>
    public Task<InstallOutcome> InstallAsync(IReadOnlyList<ResolvedNode> packages, string? baseEnvironmentId, CancellationToken cancellationToken) =>
        InstallAsync(packages, baseEnvironmentId, null, cancellationToken);

    /// <summary>
    /// As <see cref="InstallAsync(IReadOnlyList{ResolvedNode}, string?, CancellationToken)"/>, taking each package
    /// that <paramref name="prefetched"/> already put into the store (same id, version and SHA-512) from it instead of
    /// locking, finding and verifying it again. <paramref name="planned"/>, when given, is what <see cref="PlanAsync"/>
    /// returned for the same packages just before (the plan the caller asked approval for), so the store is not
    /// searched again for each package.
    /// </summary>
    internal async Task<InstallOutcome> InstallAsync(IReadOnlyList<ResolvedNode> packages, string? baseEnvironmentId, PackagePrefetcher? prefetched, CancellationToken cancellationToken, InstallPlan? planned = null)
    {
        InstallPlan plan;
        try
        {
            plan = planned ?? await PlanAsync(packages, baseEnvironmentId, cancellationToken, withSizes: _options.Policy.DryRun).ConfigureAwait(false);
        }
        catch (DepResolveException e) when (e.Code == ErrorCode.DeniedByPolicy && !_options.Policy.DryRun)
        {
            TryAudit(new AuditEntry { Action = AuditActions.Refuse, Package = e.Target, Result = e.Code.ToString(), Detail = e.Message });
            throw;
        }

        if (_options.Policy.DryRun)
        {
            return new InstallOutcome(plan, null, Array.Empty<string>(), null);
        }

        var missing = plan.Items.Where(i => !i.AlreadyInStore).ToList();
        if (_options.Offline && missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(m => $"{m.Id} {m.Version}"));
            throw new DepResolveException(ErrorCode.PackageNotFound, $"Offline mode: not in the package store: {names}.", names);
        }

        try
        {
            _policy.EnsureApproved(missing, _options.Approve);
        }
        catch (DepResolveException e)
        {
            TryAudit(new AuditEntry { Action = AuditActions.Refuse, Package = e.Target, Result = e.Code.ToString(), Detail = e.Message });
            throw;
        }

        _layout.EnsureCreated();
        StagingFolder.CleanAbandoned(_layout);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Policy.InstallTimeout);
        try
        {
            return await InstallCoreAsync(packages, baseEnvironmentId, plan, prefetched, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DepResolveException(
                ErrorCode.Timeout,
                $"Installing {string.Join(", ", missing.Select(m => $"{m.Id} {m.Version}"))} did not finish within the install timeout of {_options.Policy.InstallTimeout.TotalSeconds:0.#} s.",
                plan.EnvironmentId,
                e);
        }
    }

    /// <summary>
    /// The warm fast path: when the environment of exactly this set already exists and is intact — its record
    /// readable and every store entry it references complete (<c>entry.json</c> present, no <c>.incomplete</c>
    /// marker) with every file still of the size and last-write time recorded at extraction (a file whose
    /// fingerprint changed is hashed again) — returns it with a lease held, records the use in the registry and writes ONE
    /// <c>reuse-environment</c> audit line, without locking or downloading any package. Null when anything
    /// is missing, when a policy rule refuses a package, for a dry run or with full verification: the caller then
    /// takes <see cref="InstallAsync"/>, which repairs, refuses or plans as usual.
    /// </summary>
    public async Task<InstallOutcome?> TryReuseEnvironmentAsync(IReadOnlyList<ResolvedNode> packages, string? baseEnvironmentId, CancellationToken cancellationToken)
    {
        if (_options.Policy.DryRun || _options.FullVerification || packages.Count == 0)
        {
            return null;
        }

        try
        {
            foreach (var package in packages)
            {
                _policy.EnsureAllowed(package.Id, package.Version);
            }
        }
        catch (DepResolveException e) when (e.Code == ErrorCode.DeniedByPolicy)
        {
            return null;
        }

        var environmentId = EnvironmentId.Compute(packages, baseEnvironmentId);
        if (!File.Exists(Path.Combine(_environments.FolderOf(environmentId), EnvironmentManager.RecordFileName)))
        {
            return null;
        }

        // The lease comes first: once held, garbage collection can no longer remove the environment or the
        // store entries it references, so what is checked next stays true while the lease is held.
        var lease = await _environments.AcquireLeaseAsync(environmentId, _options.Policy.InstallTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            var record = _environments.LoadRecord(environmentId);
            if (record is null || !string.Equals(record.Id, environmentId, StringComparison.Ordinal) || !IsIntact(record))
            {
                lease.Dispose();
                return null;
            }

            var environment = _environments.ToInfo(record);
            var registration = _registry.Touch(environment.Id, DateTime.UtcNow);
            environment.LastUsedUtc = registration.LastUsedUtc;
            _audit.Write(AuditLog.For(AuditActions.ReuseEnvironment, null, environment.Id, detail: $"{environment.Packages.Count} packages, fast path"));
            var plan = new InstallPlan
            {
                Items = record.Packages.Select(p => new InstallPlanItem
                {
                    Id = p.Id,
                    Version = p.Version,
                    Source = p.Source,
                    TargetFolder = Path.GetFullPath(Path.Combine(_layout.Root, p.StoreEntry.Replace('/', Path.DirectorySeparatorChar))),
                    AlreadyInStore = true,
                }).ToList(),
                EnvironmentId = environment.Id,
                EnvironmentFolder = environment.Path,
                EnvironmentExists = true,
            };
            return new InstallOutcome(plan, environment, Array.Empty<string>(), lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every store entry complete and every file unchanged. The two checks probe different files, so a large
    /// environment's run side by side: at a thousand packages each is two thousand file-system probes. Waited for,
    /// not awaited: a wait runs the other check on this thread when no other thread has taken it yet, and an await
    /// that suspends would box every async method of the call in a fresh pwsh (sixty-odd methods to compile).
    /// </summary>
    private bool IsIntact(EnvironmentRecord record)
    {
        if (record.StoreEntries.Count < SideBySideCheckEntries)
        {
            return _store.AreComplete(record.StoreEntries) && IsUnchanged(record);
        }

        var complete = Task.Run(() => _store.AreComplete(record.StoreEntries));
        var unchanged = IsUnchanged(record);
        return complete.GetAwaiter().GetResult() && unchanged;
    }

    /// <summary>
    /// Whether every store file of the environment is as extracted: the environment's fingerprint file when it
    /// matches (one stat per file), else each entry's own record (re-hashing what changed), which, when it passes,
    /// writes the fingerprint file for next time.
    /// </summary>
    private bool IsUnchanged(EnvironmentRecord record)
    {
        var folder = _environments.FolderOf(record.Id);
        if (EnvironmentFingerprint.Matches(folder, _layout))
        {
            return true;
        }

        var entries = _store.LoadUnchanged(record.StoreEntries);
        if (entries is null)
        {
            return false;
        }

        EnvironmentFingerprint.TryWrite(folder, entries);
        return true;
    }

    private async Task<InstallOutcome> InstallCoreAsync(IReadOnlyList<ResolvedNode> packages, string? baseEnvironmentId, InstallPlan plan, PackagePrefetcher? prefetched, CancellationToken cancellationToken)
    {
        var lockTimeout = _options.Policy.InstallTimeout;
        using var storeLock = await FileLock.AcquireSharedAsync(StoreLock.PathOf(_layout), lockTimeout, cancellationToken).ConfigureAwait(false);
        // A provisional id (hashes known only after the download) is never leased: its lease file would outlive it.
        EnvironmentLease? lease = plan.IsEnvironmentIdFinal
            ? await _environments.AcquireLeaseAsync(plan.EnvironmentId, lockTimeout, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            EnvironmentInfo? baseEnvironment = null;
            if (baseEnvironmentId is not null)
            {
                baseEnvironment = _environments.TryLoad(baseEnvironmentId)
                    ?? throw new DepResolveException(ErrorCode.EnvironmentCreationFailed, $"The base environment '{baseEnvironmentId}' does not exist.", baseEnvironmentId);
            }

            using var installer = new StoreInstaller(_store, _audit, _options);
            var results = new StoreInstaller.Result?[packages.Count];
            var failures = new List<Exception>();
            using var gate = new SemaphoreSlim(Math.Max(1, _options.MaxParallelism));
            void Failed(ResolvedNode package, Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }

                if (e is DepResolveException known)
                {
                    TryAudit(AuditLog.For(AuditActions.Install, package, plan.EnvironmentId, known.Code.ToString(), known.Message));
                }
            }

            var (readyCount, downloadedCount, downloadedBytes) = (0, 0, 0L);
            void Ready(StoreInstaller.Result result)
            {
                var bytes = result.Downloaded ? Interlocked.Add(ref downloadedBytes, result.Entry.Manifest.PackageSize) : Interlocked.Read(ref downloadedBytes);
                var downloads = result.Downloaded ? Interlocked.Increment(ref downloadedCount) : Volatile.Read(ref downloadedCount);
                _options.Progress?.Invoke(new InstallProgress(Interlocked.Increment(ref readyCount), packages.Count, downloads, bytes));
            }

            await Task.WhenAll(packages.Select(async (package, index) =>
            {
                try
                {
                    if (prefetched is not null && await prefetched.TakeAsync(package, cancellationToken).ConfigureAwait(false) is { } ready)
                    {
                        results[index] = ready;
                        Ready(ready);
                        return;
                    }
                }
                catch (Exception e)
                {
                    Failed(package, e);
                    return;
                }

                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    _options.Log?.Invoke($"Installing {package}");
                    results[index] = await installer.EnsureAsync(package, FeedFor(package), lockTimeout, cancellationToken).ConfigureAwait(false);
                    Ready(results[index]!);
                }
                catch (Exception e)
                {
                    Failed(package, e);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);

            if (failures.Count > 0)
            {
                var first = failures.OfType<OperationCanceledException>().FirstOrDefault() ?? failures.OfType<DepResolveException>().FirstOrDefault() ?? failures[0];
                if (first is DepResolveException or OperationCanceledException)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
                }

                throw new DepResolveException(ErrorCode.InstallationFailed, $"Installing the set failed: {first.Message}", plan.EnvironmentId, first);
            }

            var installed = packages.Select((p, i) => (p, results[i]!.Entry)).ToList();
            var environmentId = EnvironmentId.Compute(installed.Select(x => (x.p.Id, x.p.Version, (string?)x.Entry.Manifest.Sha512)), baseEnvironmentId);
            if (lease is null || environmentId != plan.EnvironmentId)
            {
                // Only now are all content hashes known: the environment is named after them.
                var named = await _environments.AcquireLeaseAsync(environmentId, lockTimeout, cancellationToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    _environments.ReleaseUnused(lease);
                }

                lease = named;
                plan.EnvironmentId = environmentId;
                plan.EnvironmentFolder = _environments.FolderOf(environmentId);
                plan.HashesKnownAfterDownload = Array.Empty<string>();
            }

            _options.Progress?.Invoke(new InstallProgress(packages.Count, packages.Count, downloadedCount, downloadedBytes, CreatingEnvironment: true));
            var environment = _environments.Create(environmentId, baseEnvironment, installed, DateTime.UtcNow, _options.Checkpoint, _options.Warn ?? _options.Log);
            var registration = _registry.Touch(environment.Id, DateTime.UtcNow);
            environment.LastUsedUtc = registration.LastUsedUtc;
            _audit.Write(AuditLog.For(environment.Created ? AuditActions.CreateEnvironment : AuditActions.ReuseEnvironment, null, environment.Id,
                detail: $"{environment.Packages.Count} packages"));
            var entries = installed.Select(x => x.Entry).ToList();
            if (baseEnvironmentId is null && UsesExactly(environment, entries))
            {
                // Every file the environment uses belongs to an entry verified (or extracted) just now: the next warm
                // call stats them against this file instead of loading and checking each entry again.
                EnvironmentFingerprint.TryWrite(environment.Path, entries);
            }

            var downloaded = packages.Where((_, i) => results[i]!.Downloaded).Select(p => p.ToString()).ToList();
            return new InstallOutcome(plan, environment, downloaded, lease, entries);
        }
        catch
        {
            if (lease is not null)
            {
                _environments.ReleaseUnused(lease);
            }

            throw;
        }
    }

    /// <summary>Whether the environment's store entries are exactly <paramref name="entries"/> (none from a base environment or an older record).</summary>
    private static bool UsesExactly(EnvironmentInfo environment, IReadOnlyList<StoreEntry> entries)
    {
        var folders = entries.Select(e => Path.GetFullPath(e.Folder)).ToHashSet(PlatformPaths.Comparer);
        return environment.StoreEntries.Count == folders.Count && environment.StoreEntries.All(folders.Contains);
    }

    private IPackageFeed? FeedFor(ResolvedNode package) => FeedFor(_feeds, package);

    /// <summary>
    /// The feed named by the package's FeedName; the first feed only for a package that names none. Null when the
    /// named feed is not configured: a package (a locked one above all) never switches source.
    /// </summary>
    internal static IPackageFeed? FeedFor(IReadOnlyList<IPackageFeed> feeds, ResolvedNode package) =>
        string.IsNullOrEmpty(package.FeedName)
            ? feeds.FirstOrDefault()
            : feeds.FirstOrDefault(f => string.Equals(f.Name, package.FeedName, StringComparison.OrdinalIgnoreCase));

    private void TryAudit(AuditEntry entry)
    {
        try
        {
            if (Directory.Exists(_layout.Root))
            {
                _audit.Write(entry);
            }
        }
        catch (DepResolveException)
        {
            // Auditing a refusal must not hide the refusal.
        }
    }
}
