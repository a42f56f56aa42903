namespace DepResolve.Engine.Hosting;

/// <summary>What Clear-DepResolveCache removed.</summary>
public sealed class CacheCleanupResult
{
    public string CacheRoot { get; set; } = "";

    public int RemovedEnvironments { get; set; }

    public int RemovedPackages { get; set; }

    public long FreedBytes { get; set; }
}
