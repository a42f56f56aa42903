namespace DepResolve.Engine.Caching;

/// <summary>What one garbage collection did. Public result type.</summary>
public sealed class GarbageCollectionReport
{
    public IReadOnlyList<string> RemovedEnvironments { get; set; } = Array.Empty<string>();

    /// <summary>Environments that were due for removal but are in use (leased), so kept.</summary>
    public IReadOnlyList<string> KeptInUse { get; set; } = Array.Empty<string>();

    /// <summary>Store entries (relative to the cache root) no remaining environment referenced.</summary>
    public IReadOnlyList<string> RemovedStoreEntries { get; set; } = Array.Empty<string>();

    public int RemovedTempFolders { get; set; }

    /// <summary>True when installs kept the store busy and collection was skipped this time.</summary>
    public bool Skipped { get; set; }

    public override string ToString() => Skipped
        ? "skipped: the store is busy"
        : $"{RemovedEnvironments.Count} environments and {RemovedStoreEntries.Count} store entries removed, {KeptInUse.Count} kept in use";
}
