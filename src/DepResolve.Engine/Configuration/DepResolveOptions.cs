using DepResolve.Engine.Model;

namespace DepResolve.Engine.Configuration;

/// <summary>
/// Everything a user can set (the seed's DependencyResolverConfig, for PowerShell). Loaded from
/// depresolve.json (script folder upward, then the user config), then overridden by parameters.
/// </summary>
public sealed record DepResolveOptions
{
    /// <summary>Null: $DEPRESOLVE_CACHE, else the platform cache folder.</summary>
    public string? CacheRoot { get; init; }

    public IReadOnlyList<RepositorySettings> Repositories { get; init; } = Array.Empty<RepositorySettings>();

    /// <summary>
    /// Which ids each source may supply (depresolve.json "packageSourceMapping"). Empty: an id is taken from the
    /// first feed, by priority, that has it, and only from that feed.
    /// </summary>
    public PackageSourceMapping SourceMapping { get; init; } = PackageSourceMapping.None;

    /// <summary>Null: Locked when a lock file exists, Highest otherwise.</summary>
    public ResolutionPolicy? Policy { get; init; }

    public bool AllowPrerelease { get; init; }

    /// <summary>
    /// An inferred item (a command, a type) that maps to no package fails the resolution instead of being a warning.
    /// For CI runs that must know every dependency up front; by default the run goes ahead and its retry finds what is missing.
    /// </summary>
    public bool FailOnUnresolved { get; init; }

    public bool Offline { get; init; }

    public TimeSpan InstallTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>One attempt of one feed request (send and read the whole answer).</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>The default of <see cref="RequestTimeout"/>.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The whole metadata walk and search of one resolution, retries included: past it the resolution fails with
    /// Timeout naming the request that had not answered. Downloads and installs are bounded by InstallTimeout.
    /// </summary>
    public TimeSpan ResolutionTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries of a failed feed request (5xx, 408, 429, resets, truncation, timeouts) after the first attempt; 0: none.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The wait before the first retry; each later one doubles it, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Largest metadata answer (service index, registration page, OData feed) read from a feed.</summary>
    public long MaxMetadataBytes { get; init; } = 64L << 20;

    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(300);

    public TimeSpan MetadataTtl { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan EnvironmentTtl { get; init; } = TimeSpan.FromHours(24);

    public int MaxEnvironments { get; init; } = 10;

    /// <summary>Null: no allow list (everything not denied may install). Ids, '*' wildcards allowed.</summary>
    public IReadOnlyList<string>? AllowList { get; init; }

    public IReadOnlyList<string> DenyList { get; init; } = Array.Empty<string>();

    public bool RequireApproval { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Concurrent feed requests at most.</summary>
    public int MaxParallelism { get; init; } = 16;

    /// <summary>
    /// Packages downloaded and extracted into the store at the same time (while resolving and while installing).
    /// Each download pays the feed's round trip, so more in flight hide latency; extraction and hashing use the CPU.
    /// </summary>
    public int MaxConcurrentDownloads { get; init; } = DefaultMaxConcurrentDownloads;

    /// <summary>The default of <see cref="MaxConcurrentDownloads"/>.</summary>
    public const int DefaultMaxConcurrentDownloads = 16;

    /// <summary>User mappings that win over every other rule: command name to module name.</summary>
    public IReadOnlyDictionary<string, string> CommandMappings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>User mappings: .NET namespace or assembly name to NuGet package id.</summary>
    public IReadOnlyDictionary<string, string> NamespaceMappings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Largest total uncompressed size of one package.</summary>
    public long MaxPackageUncompressedBytes { get; init; } = 1L << 30;

    /// <summary>Most entries in one package.</summary>
    public int MaxPackageEntries { get; init; } = 50_000;
}
