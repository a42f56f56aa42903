using DepResolve.Engine.Model;

namespace DepResolve.Engine.Storage;

/// <summary>
/// The folders and files under the cache root. This layout is an on-disk contract (docs/cache-environments-config.md):
/// <code>
/// store/&lt;id&gt;/&lt;version&gt;/&lt;sha512-hex-prefix&gt;/   one extracted package version (entry.json + content/)
/// envs/&lt;environment-id&gt;/environment.json       one environment (which store entries, module path, assemblies)
/// metadata/&lt;feed&gt;/…                           cached feed metadata (JSON, with the time it was fetched)
/// resolutions/&lt;fingerprint&gt;.json               cached resolution results
/// locks/*.lock, locks/*.lease                   cross-process locks and environment leases (locks/sweep.lock guards their removal)
/// tmp/                                          staging for installs (same volume as store/ so renames are atomic)
/// quarantine/                                   store entries that failed verification
/// registry.json                                 environments with creation and last-used times
/// audit.log, audit.&lt;n&gt;.log                      JSON lines: every install, reuse and removal (rotated at a size cap)
/// </code>
/// </summary>
internal sealed class CacheLayout
{
    public const string CacheRootVariable = "DEPRESOLVE_CACHE";

    public CacheLayout(string root)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new DepResolveException(ErrorCode.InvalidInput, "The cache root is empty.");
        }

        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string StoreFolder => Path.Combine(Root, "store");

    public string EnvironmentsFolder => Path.Combine(Root, "envs");

    public string MetadataFolder => Path.Combine(Root, "metadata");

    public string ResolutionsFolder => Path.Combine(Root, "resolutions");

    public string LocksFolder => Path.Combine(Root, "locks");

    public string TempFolder => Path.Combine(Root, "tmp");

    public string QuarantineFolder => Path.Combine(Root, "quarantine");

    public string RegistryFile => Path.Combine(Root, "registry.json");

    public string AuditLogFile => Path.Combine(Root, "audit.log");

    /// <summary>The cache root the options, the environment and the platform give, in that order.</summary>
    public static CacheLayout FromOptions(string? configuredRoot) => new(ResolveRoot(configuredRoot));

    internal static string ResolveRoot(string? configuredRoot)
    {
        if (!string.IsNullOrWhiteSpace(configuredRoot))
        {
            return configuredRoot;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(CacheRootVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "DepResolve");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "DepResolve");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "DepResolve");
    }

    /// <summary>
    /// Creates the folders and proves the root is writable. PermissionDenied names the path that refused.
    /// </summary>
    public void EnsureCreated()
    {
        foreach (var folder in new[] { Root, StoreFolder, EnvironmentsFolder, MetadataFolder, ResolutionsFolder, LocksFolder, TempFolder, QuarantineFolder })
        {
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                throw new DepResolveException(ErrorCode.PermissionDenied, $"Cannot create the cache folder '{folder}': {e.Message}", folder, e);
            }
        }

        var probe = Path.Combine(TempFolder, ".write-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, Array.Empty<byte>());
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new DepResolveException(ErrorCode.PermissionDenied, $"The cache folder '{Root}' is not writable: {e.Message}", Root, e);
        }
    }

    internal string LockFile(string key) => Path.Combine(LocksFolder, SafeName(key) + ".lock");

    internal string LeaseFile(string environmentId) => Path.Combine(LocksFolder, "env-" + SafeName(environmentId) + ".lease");

    internal string NewStagingFolder(string purpose) => Path.Combine(TempFolder, SafeName(purpose) + "-" + Guid.NewGuid().ToString("N")[..16]);

    /// <summary>A file-name-safe, lower-case form of a key (ids, versions and feed names are case-insensitive).</summary>
    internal static string SafeName(string key)
    {
        // A loop over the characters rather than Select(...).ToArray(): its array builder over char is compiled at run
        // time, and every warm call names its environment's lease file with this.
        var chars = key.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '.' or '-' or '_'))
            {
                chars[i] = '_';
            }
        }

        var name = new string(chars).Trim('.');
        return name.Length == 0 ? "_" : name;
    }
}
