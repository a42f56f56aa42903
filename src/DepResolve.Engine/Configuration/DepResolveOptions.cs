using DepResolve.Engine.Model;

namespace DepResolve.Engine.Configuration;

/// <summary>
/// Everything a user can set (the seed's DependencyResolverConfig, for PowerShell). Loaded from
/// depresolve.json (script folder upward, then the user config), then overridden by parameters.
/// </summary>
internal sealed record DepResolveOptions
{
    /// <summary>Null: $DEPRESOLVE_CACHE, else the platform cache folder.</summary>
    public string? CacheRoot { get; init; }

    public IReadOnlyList<RepositorySettings> Repositories { get; init; } = Array.Empty<RepositorySettings>();

    /// <summary>
    /// Which ids each source may supply (depresolve.json "packageSourceMapping"). Empty: an id is taken from the
    /// first feed, by priority, that has it, and only from that feed.
    /// </summary>
    public PackageSourceMapping SourceMapping { get; init; } = PackageSourceMapping.None;

    /// <summary>
    /// Null: a script's locked versions are kept where they still fit and the rest is resolved with the policy its lock
    /// recorded (Highest without one). A policy ignores the lock's pins, and warns when it changes one. Locked: <see cref="LockedMode"/>.
    /// </summary>
    public ResolutionPolicy? Policy { get; init; }

    /// <summary>
    /// lockedMode / -LockedMode: a resolution fails (VersionConflict, naming what would change) unless the script's
    /// lock file section already holds exactly what it needs; the lock file is never written. Not turned on by $env:CI.
    /// </summary>
    public bool LockedMode { get; init; }

    public bool AllowPrerelease { get; init; }

    /// <summary>
    /// An inferred item (a command, a type) that maps to no package fails the resolution instead of being a warning.
    /// For CI runs that must know every dependency up front; by default the run goes ahead and its retry finds what is missing.
    /// </summary>
    public bool FailOnUnresolved { get; init; }

    /// <summary>
    /// A module requirement that a module already on the user's PSModulePath satisfies (its version fits) is taken
    /// from there instead of a feed, and recorded in the result. Off by default: environments stay isolated.
    /// </summary>
    public bool UseInstalledModules { get; init; }

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

    /// <summary>Cached resolutions and feed answers unused for longer are removed by garbage collection.</summary>
    public TimeSpan RecordTtl { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Most cached resolutions kept; beyond, the least recently used go.</summary>
    public int MaxResolutionRecords { get; init; } = 1000;

    /// <summary>Most bytes of cached feed answers kept; beyond, the least recently used go.</summary>
    public long MaxMetadataCacheBytes { get; init; } = 256L << 20;

    /// <summary>Size at which audit.log is rotated to audit.1.log.</summary>
    public long MaxAuditLogBytes { get; init; } = 10L << 20;

    /// <summary>Rotated audit logs kept (audit.1.log is the newest).</summary>
    public int AuditLogFiles { get; init; } = 5;

    /// <summary>Null: no allow list (everything not denied may install). Ids, '*' wildcards allowed.</summary>
    public IReadOnlyList<string>? AllowList { get; init; }

    public IReadOnlyList<string> DenyList { get; init; } = Array.Empty<string>();

    public bool RequireApproval { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Concurrent metadata requests at most.</summary>
    public int MaxParallelism { get; init; } = DefaultMaxParallelism;

    /// <summary>
    /// The default of <see cref="MaxParallelism"/>. Each request waits for the feed's round trip, and a graph walk asks
    /// about one id per request: with 16 in flight a 1,000-package walk took 1,000 round trips ÷ 16 at the least.
    /// </summary>
    public const int DefaultMaxParallelism = 32;

    /// <summary>
    /// Packages downloaded and extracted into the store at the same time (while resolving and while installing).
    /// Each download pays the feed's round trip, so more in flight hide latency; extraction and hashing use the CPU.
    /// </summary>
    public int MaxConcurrentDownloads { get; init; } = DefaultMaxConcurrentDownloads;

    /// <summary>The default of <see cref="MaxConcurrentDownloads"/>.</summary>
    public const int DefaultMaxConcurrentDownloads = 32;

    /// <summary>User mappings that win over every other rule: command name to module name.</summary>
    public IReadOnlyDictionary<string, string> CommandMappings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>User mappings: .NET namespace or assembly name to NuGet package id.</summary>
    public IReadOnlyDictionary<string, string> NamespaceMappings { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Largest total uncompressed size of one package.</summary>
    public long MaxPackageUncompressedBytes { get; init; } = 1L << 30;

    /// <summary>Most entries in one package.</summary>
    public int MaxPackageEntries { get; init; } = 50_000;
}
