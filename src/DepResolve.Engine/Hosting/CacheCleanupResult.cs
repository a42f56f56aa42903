namespace DepResolve.Engine.Hosting;

/// <summary>What Clear-DepResolveCache removed.</summary>
public sealed class CacheCleanupResult
{
    public string CacheRoot { get; set; } = "";

    public int RemovedEnvironments { get; set; }

    public int RemovedPackages { get; set; }

    public long FreedBytes { get; set; }

    /// <summary><see cref="FreedBytes"/> as people read it (940 B, 12.3 KB, 4.5 MB).</summary>
    public string Freed => Model.ByteSize.Format(FreedBytes);
}
