using DepResolve.Engine.Model;

namespace DepResolve.Engine.Storage;

/// <summary>
/// A lock shared between processes: an open handle on a file under locks/. The operating system releases it
/// when the process ends, however it ends, so a lock file left behind by a killed process never blocks anyone:
/// only an open handle does. Exclusive locks open with <see cref="FileShare.None"/> (flock LOCK_EX on Unix);
/// shared locks open read-only with <see cref="FileShare.ReadWrite"/> (LOCK_SH), so any number of shared
/// holders exclude one exclusive holder.
/// <para>
/// Lock files whose subject is gone are removed by garbage collection (<see cref="RemoveUnheld"/>). Every open of a
/// lock file happens under a shared hold on the folder's sweep.lock, and removal under an exclusive one, so a file
/// is never unlinked between another process's open and its lock (which would leave that process holding a lock
/// on a file nobody else can see).
/// </para>
/// </summary>
internal sealed class FileLock : IDisposable
{
    /// <summary>The file in each lock folder that guards opening against removal.</summary>
    public const string SweepLockName = "sweep.lock";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan SweepWait = TimeSpan.FromSeconds(30);
    private FileStream? _stream;

    private FileLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Waits up to <paramref name="timeout"/>; Timeout names the lock file.</summary>
    public static Task<FileLock> AcquireExclusiveAsync(string path, TimeSpan timeout, CancellationToken cancellationToken) =>
        AcquireAsync(path, exclusive: true, timeout, cancellationToken);

    public static Task<FileLock> AcquireSharedAsync(string path, TimeSpan timeout, CancellationToken cancellationToken) =>
        AcquireAsync(path, exclusive: false, timeout, cancellationToken);

    /// <summary>The blocking form, for short critical sections (registry, audit log).</summary>
    public static FileLock AcquireExclusive(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var stream = TryOpen(path, exclusive: true);
            if (stream is not null)
            {
                return new FileLock(path, stream);
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw TimeoutFor(path, timeout);
            }

            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>The lock now, or null when another holder has it.</summary>
    public static FileLock? TryAcquireExclusive(string path)
    {
        var stream = TryOpen(path, exclusive: true);
        return stream is null ? null : new FileLock(path, stream);
    }

    public static FileLock? TryAcquireShared(string path)
    {
        var stream = TryOpen(path, exclusive: false);
        return stream is null ? null : new FileLock(path, stream);
    }

    /// <summary>
    /// The lock at once when it is free, as it almost always is, without starting an async method (its start is generic
    /// code compiled at run time in every fresh process); otherwise polled until <paramref name="timeout"/>. Failures
    /// come back in the task either way.
    /// </summary>
    private static Task<FileLock> AcquireAsync(string path, bool exclusive, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stream = TryOpen(path, exclusive);
            if (stream is not null)
            {
                return Task.FromResult(new FileLock(path, stream));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<FileLock>(cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<FileLock>(e);
        }

        return PollAsync(path, exclusive, timeout, deadline, cancellationToken);
    }

    private static async Task<FileLock> PollAsync(string path, bool exclusive, TimeSpan timeout, DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stream = TryOpen(path, exclusive);
            if (stream is not null)
            {
                return new FileLock(path, stream);
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw TimeoutFor(path, timeout);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DepResolveException TimeoutFor(string path, TimeSpan timeout) => new(
        ErrorCode.Timeout,
        $"Timed out after {timeout.TotalSeconds:0.#} s waiting for the lock '{path}', held by another DepResolve process.",
        path);

    private static FileStream? TryOpen(string path, bool exclusive)
    {
        using var sweepGuard = HoldSweepLock(path, exclusive: false, SweepWait)
            ?? throw TimeoutFor(SweepLockOf(path), SweepWait);
        return TryOpenUnguarded(path, exclusive);
    }

    private static FileStream? TryOpenUnguarded(string path, bool exclusive)
    {
        try
        {
            try
            {
                return Open(path, exclusive);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                // Only the first lock in a new cache root pays for creating locks/.
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                return Open(path, exclusive);
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DepResolveException(ErrorCode.PermissionDenied, $"Cannot open the lock file '{path}': {e.Message}", path, e);
        }
        catch (IOException)
        {
            // A sharing violation: another handle holds the lock.
            return null;
        }
    }

    private static string SweepLockOf(string lockPath) => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(lockPath)!, SweepLockName);

    /// <summary>The sweep lock of the folder holding <paramref name="lockPath"/>, polled for up to <paramref name="wait"/>; null when not had in time.</summary>
    private static FileStream? HoldSweepLock(string lockPath, bool exclusive, TimeSpan wait)
    {
        var sweepLock = SweepLockOf(lockPath);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            // Sweeps are short and rare: a short poll keeps an ordinary lock request from noticing them.
            var stream = TryOpenUnguarded(sweepLock, exclusive);
            if (stream is not null || DateTime.UtcNow >= deadline)
            {
                return stream;
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(2));
        }
    }

    /// <summary>
    /// Deletes each of <paramref name="lockFiles"/> (all in one folder) that no process holds, and returns their
    /// names. Nothing is removed when the folder's sweep lock cannot be had within <paramref name="wait"/>.
    /// </summary>
    internal static IReadOnlyList<string> RemoveUnheld(IReadOnlyCollection<string> lockFiles, TimeSpan wait)
    {
        if (lockFiles.Count == 0)
        {
            return Array.Empty<string>();
        }

        using var sweep = HoldSweepLock(lockFiles.First(), exclusive: true, wait);
        if (sweep is null)
        {
            return Array.Empty<string>();
        }

        var removed = new List<string>();
        foreach (var path in lockFiles)
        {
            using (var unheld = TryOpenUnguarded(path, exclusive: true))
            {
                if (unheld is null)
                {
                    continue;
                }
            }

            // Closed before the delete (Windows refuses to delete an open file); the sweep lock keeps anyone from opening it meanwhile.
            try
            {
                File.Delete(path);
                removed.Add(System.IO.Path.GetFileName(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }

    private static FileStream Open(string path, bool exclusive)
    {
        try
        {
            // Opening without O_CREAT does not take the folder's lock, which every creating open in locks/ contends for.
            return Open(path, exclusive, FileMode.Open);
        }
        catch (FileNotFoundException)
        {
            return Open(path, exclusive, FileMode.OpenOrCreate);
        }
    }

    private static FileStream Open(string path, bool exclusive, FileMode mode) => exclusive
        ? new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None)
        : new FileStream(path, mode, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }
}
