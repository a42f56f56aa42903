namespace DepResolve.Engine.Storage;

/// <summary>
/// A folder under tmp/ owned by this process: its owner holds locks/staging-&lt;name&gt;.lock while it exists,
/// so cleanup at the next start removes only folders whose owner is gone (finished or killed).
/// Disposing deletes whatever is still in the folder.
/// </summary>
internal sealed class StagingFolder : IDisposable
{
    private readonly FileLock _ownerLock;

    private StagingFolder(string path, FileLock ownerLock)
    {
        Path = path;
        _ownerLock = ownerLock;
    }

    public string Path { get; }

    public static StagingFolder Create(CacheLayout layout, string purpose)
    {
        var path = layout.NewStagingFolder(purpose);
        var ownerLock = FileLock.TryAcquireExclusive(OwnerLockOf(layout, path))
            ?? throw new IOException($"The staging lock for '{path}' is unexpectedly held.");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch
        {
            ownerLock.Dispose();
            throw;
        }

        return new StagingFolder(path, ownerLock);
    }

    /// <summary>Removes tmp/ folders whose owner is no longer running; returns how many.</summary>
    public static int CleanAbandoned(CacheLayout layout)
    {
        if (!Directory.Exists(layout.TempFolder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(layout.TempFolder))
        {
            var lockPath = OwnerLockOf(layout, folder);
            using (var owner = FileLock.TryAcquireExclusive(lockPath))
            {
                if (owner is null || !AtomicFile.TryDeleteFolder(folder))
                {
                    continue;
                }
            }

            removed++;
            AtomicFile.TryDelete(lockPath);
        }

        return removed;
    }

    private static string OwnerLockOf(CacheLayout layout, string folder) =>
        layout.LockFile("staging-" + System.IO.Path.GetFileName(folder));

    public void Dispose()
    {
        AtomicFile.TryDeleteFolder(Path);
        _ownerLock.Dispose();
        AtomicFile.TryDelete(_ownerLock.Path);
    }
}
