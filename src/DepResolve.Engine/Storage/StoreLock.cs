namespace DepResolve.Engine.Storage;

/// <summary>
/// locks/store.lock: installs hold it shared from their first store lookup until their environment exists and
/// is leased; garbage collection holds it exclusively. So a store entry is never collected between being
/// installed and being referenced by the environment that needed it.
/// </summary>
internal static class StoreLock
{
    public static string PathOf(CacheLayout layout) => layout.LockFile("store");
}
