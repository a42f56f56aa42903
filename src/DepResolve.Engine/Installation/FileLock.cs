using DepResolve.Engine.Model;

namespace DepResolve.Engine.Installation;

/// <summary>
/// A lock shared between processes: an open handle on a file under locks/. The operating system releases it
/// when the process ends, however it ends, so a lock file left behind by a killed process never blocks anyone:
/// only an open handle does. Exclusive locks open with <see cref="FileShare.None"/> (flock LOCK_EX on Unix);
/// shared locks open read-only with <see cref="FileShare.ReadWrite"/> (LOCK_SH), so any number of shared
/// holders exclude one exclusive holder.
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
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

    private static async Task<FileLock> AcquireAsync(string path, bool exclusive, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
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
