namespace DepResolve.Engine.Caching;

/// <summary>What one garbage collection did. Public result type.</summary>
internal sealed class GarbageCollectionReport
{
    public IReadOnlyList<string> RemovedEnvironments { get; set; } = Array.Empty<string>();

    /// <summary>Environments that were due for removal but are in use (leased), so kept.</summary>
    public IReadOnlyList<string> KeptInUse { get; set; } = Array.Empty<string>();

    /// <summary>Store entries (relative to the cache root) no remaining environment referenced.</summary>
    public IReadOnlyList<string> RemovedStoreEntries { get; set; } = Array.Empty<string>();

    public int RemovedTempFolders { get; set; }

    /// <summary>Cached resolutions removed (unused for the record TTL, or beyond the most kept).</summary>
    public int RemovedResolutions { get; set; }

    /// <summary>Cached feed answers removed (unused for the record TTL, or beyond the metadata cache's byte cap).</summary>
    public int RemovedMetadataFiles { get; set; }

    /// <summary>Quarantined store entries removed (quarantined longer ago than the record TTL).</summary>
    public int RemovedQuarantinedEntries { get; set; }

    /// <summary>Lock and lease files removed: their environment, store version or staging folder is gone and no process held them.</summary>
    public int RemovedLockFiles { get; set; }

    /// <summary>True when audit.log had reached its size cap and was rotated to audit.1.log.</summary>
    public bool AuditLogRotated { get; set; }

    /// <summary>True when installs kept the store busy and collection was skipped this time.</summary>
    public bool Skipped { get; set; }

    public override string ToString() => Skipped
        ? "skipped: the store is busy"
        : $"{RemovedEnvironments.Count} environments and {RemovedStoreEntries.Count} store entries removed, {KeptInUse.Count} kept in use; "
          + $"{RemovedResolutions} resolutions, {RemovedMetadataFiles} metadata files, {RemovedQuarantinedEntries} quarantined entries and {RemovedLockFiles} lock files removed"
          + (AuditLogRotated ? "; audit log rotated" : "");
}
