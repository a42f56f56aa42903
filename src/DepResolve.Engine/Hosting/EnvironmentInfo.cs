namespace DepResolve.Engine.Hosting;

/// <summary>One cached environment, as Get-DepResolveEnvironment lists it.</summary>
public sealed class EnvironmentInfo
{
    public string Id { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>Packages in the environment as "Id Version".</summary>
    public IReadOnlyList<string> Packages { get; set; } = Array.Empty<string>();

    public DateTimeOffset Created { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    /// <summary>The scripts that resolved to this environment, when recorded.</summary>
    public IReadOnlyList<string> Scripts { get; set; } = Array.Empty<string>();

    public override string ToString() => Id;
}

/// <summary>What Clear-DepResolveCache removed.</summary>
public sealed class CacheCleanupResult
{
    public string CacheRoot { get; set; } = "";

    public int RemovedEnvironments { get; set; }

    public int RemovedPackages { get; set; }

    public long FreedBytes { get; set; }
}
