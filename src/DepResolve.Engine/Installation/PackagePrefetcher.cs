using DepResolve.Engine.Feeds;
using DepResolve.Engine.InstallSafety;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Installation;

/// <summary>
/// Overlaps downloads with resolution: the resolver reports each version it is likely to choose (under Highest the
/// newest version its requirements accept so far, which is nearly always final) and this downloads and extracts it
/// into the store at once, a bounded number at a time, so the install that follows finds it there. The store is keyed
/// by id, version and SHA-512, so a version that backtracking later drops is harmless: no environment references it
/// and garbage collection removes it. A prefetch that fails with a DepResolve error (the feed's retries used up, a
/// hash mismatch, a refused archive) is that package's install failure: the install reports it instead of sending the
/// same requests again, so a failing feed costs a run 1 + maxRetries attempts, not twice that. Any other failure is
/// only logged and the install tries again.
/// Packages a policy rule refuses are never prefetched. The host must not create one for a dry run, offline, or when
/// installs need an approval that was not yet given. Holds the store lock shared until disposed, so nothing
/// prefetched is collected before the install's environment references it; disposing cancels what is still running
/// and waits for it, so no staging folder outlives it.
/// </summary>
internal sealed class PackagePrefetcher : IDisposable
{
    private readonly CacheLayout _layout;
    private readonly IReadOnlyList<IPackageFeed> _feeds;
    private readonly PackageInstallerOptions _options;
    private readonly PolicyEvaluator _policy;
    private readonly StoreInstaller _installer;
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stop;
    private readonly object _gate = new();
    private readonly Dictionary<string, Task<StoreInstaller.Result?>> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string? Sha512, DepResolveException Error)> _failed = new(StringComparer.Ordinal);
    private Task<FileLock>? _storeLock;
    private bool _disposed;

    public PackagePrefetcher(CacheLayout layout, IReadOnlyList<IPackageFeed> feeds, PackageInstallerOptions options, CancellationToken cancellationToken)
    {
        _layout = layout;
        _feeds = feeds;
        _options = options;
        _policy = new PolicyEvaluator(options.Policy);
        _installer = new StoreInstaller(new PackageStore(layout), new AuditLog(layout), options);
        // Every download slot from the start: metadata requests have their own bound (maxParallelism), and with fewer
        // slots the downloads, not the walk, end up as the critical path of a large graph.
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxParallelism));
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>"id version" of every package whose prefetch was started.</summary>
    public IReadOnlyList<string> Started
    {
        get
        {
            lock (_gate)
            {
                return _started.Keys.ToList();
            }
        }
    }

    /// <summary>Starts downloading <paramref name="package"/> into the store unless it was started already or a rule refuses it. Never blocks.</summary>
    public void Start(ResolvedNode package)
    {
        if (!IsAllowed(package) || FeedFor(package) is not { } feed)
        {
            return;
        }

        lock (_gate)
        {
            var key = KeyOf(package);
            if (_disposed || _started.ContainsKey(key))
            {
                return;
            }

            _storeLock ??= AcquireStoreLockAsync();
            _started[key] = Task.Run(() => PrefetchAsync(package, feed));
        }
    }

    /// <summary>
    /// The store entry prefetched for <paramref name="package"/> (waiting for it when still running), or null when
    /// it was not prefetched, was cancelled, failed for a reason worth another try, or has another SHA-512 than the
    /// package asks for. Throws the prefetch's <see cref="DepResolveException"/> when fetching this very package (same
    /// id, version and expected SHA-512) failed with one.
    /// </summary>
    public async Task<StoreInstaller.Result?> TakeAsync(ResolvedNode package, CancellationToken cancellationToken)
    {
        Task<StoreInstaller.Result?>? running;
        lock (_gate)
        {
            _started.TryGetValue(KeyOf(package), out running);
        }

        if (running is null)
        {
            return null;
        }

        var result = await running.WaitAsync(cancellationToken).ConfigureAwait(false);
        (string? Sha512, DepResolveException Error) failure;
        bool failed;
        lock (_gate)
        {
            failed = _failed.TryGetValue(KeyOf(package), out failure);
        }

        if (result is null && failed && SameExpectedHash(failure.Sha512, package.Sha512))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure.Error).Throw();
        }

        if (result is null || (!string.IsNullOrEmpty(package.Sha512) && !Packaging.PackageHash.AreEqual(package.Sha512, result.Entry.Manifest.Sha512)))
        {
            return null;
        }

        return result;
    }

    /// <summary>
    /// The store entry prefetched for <paramref name="package"/> when that prefetch has already finished with one of the
    /// SHA-512 the package asks for (any, when it names none); null otherwise. Never waits: for a plan, which would
    /// otherwise search the store and read the entry's record again.
    /// </summary>
    public StoreEntry? FinishedEntryOf(ResolvedNode package)
    {
        Task<StoreInstaller.Result?>? running;
        lock (_gate)
        {
            _started.TryGetValue(KeyOf(package), out running);
        }

        return running is { IsCompletedSuccessfully: true, Result: { } result }
            && (string.IsNullOrEmpty(package.Sha512) || Packaging.PackageHash.AreEqual(package.Sha512, result.Entry.Manifest.Sha512))
            ? result.Entry
            : null;
    }

    public void Dispose()
    {
        Task[] running;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            running = _started.Values.ToArray<Task>();
        }

        _stop.Cancel();
        try
        {
            Task.WaitAll(running);
        }
        catch (AggregateException)
        {
            // Each prefetch logs its own failure.
        }

        _installer.Dispose();

        if (_storeLock is { IsCompletedSuccessfully: true } held)
        {
            held.Result.Dispose();
        }
        else
        {
            _storeLock?.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        _stop.Dispose();
        _slots.Dispose();
    }

    private async Task<FileLock> AcquireStoreLockAsync()
    {
        _layout.EnsureCreated();
        return await FileLock.AcquireSharedAsync(StoreLock.PathOf(_layout), _options.Policy.InstallTimeout, _stop.Token).ConfigureAwait(false);
    }

    private async Task<StoreInstaller.Result?> PrefetchAsync(ResolvedNode package, IPackageFeed feed)
    {
        try
        {
            await _storeLock!.ConfigureAwait(false);
            await _slots.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                return await _installer.EnsureAsync(package, feed, _options.Policy.InstallTimeout, _stop.Token).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (DepResolveException e)
        {
            _options.Log?.Invoke($"Prefetching {package} failed: {e.Message}");
            lock (_gate)
            {
                _failed[KeyOf(package)] = (package.Sha512, e);
            }

            return null;
        }
        catch (Exception e)
        {
            _options.Log?.Invoke($"Prefetching {package} failed; the install tries again: {e.Message}");
            return null;
        }
    }

    private static bool SameExpectedHash(string? prefetched, string? wanted) =>
        string.IsNullOrEmpty(prefetched) ? string.IsNullOrEmpty(wanted) : !string.IsNullOrEmpty(wanted) && Packaging.PackageHash.AreEqual(prefetched, wanted);

    private bool IsAllowed(ResolvedNode package)
    {
        try
        {
            _policy.EnsureAllowed(package.Id, package.Version);
            return true;
        }
        catch (DepResolveException)
        {
            return false;
        }
    }

    private IPackageFeed? FeedFor(ResolvedNode package) => PackageInstaller.FeedFor(_feeds, package);

    private static string KeyOf(ResolvedNode package) => package.Id.ToLowerInvariant() + " " + EnvironmentId.NormalizeVersion(package.Version);
}
