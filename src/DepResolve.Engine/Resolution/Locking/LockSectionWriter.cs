using DepResolve.Engine.Storage;

namespace DepResolve.Engine.Resolution.Locking;

/// <summary>
/// Replaces one script's section of a lock file and keeps every other section: the file is read again and
/// rewritten (atomically) while a cross-process lock is held, so two processes locking two scripts of one folder at
/// the same time both keep their sections.
/// </summary>
internal static class LockSectionWriter
{
    private static readonly TimeSpan GuardTimeout = TimeSpan.FromSeconds(60);

    /// <param name="guardPath">The cross-process lock that serialises writers of <paramref name="path"/> (a file under the cache's locks/).</param>
    /// <returns>The document as written.</returns>
    public static LockDocument Write(string path, string key, LockFile section, string guardPath)
    {
        using var guard = FileLock.AcquireExclusive(guardPath, GuardTimeout);
        var current = File.Exists(path) ? LockFileSerializer.Read(path) : LockDocument.Empty(path);
        var updated = current.WithSection(key, section);
        LockFileSerializer.Write(updated, path);
        return updated;
    }
}
