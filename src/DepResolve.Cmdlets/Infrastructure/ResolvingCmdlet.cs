using System.Management.Automation;
using DepResolve.Engine.Hosting;

namespace DepResolve.Cmdlets.Infrastructure;

/// <summary>The parameters every command that resolves packages shares: where from, by which policy, into which cache.</summary>
public abstract class ResolvingCmdlet : AnalyzingCmdlet
{
    /// <summary>Registered repository names, feed URLs or folders; the configured repositories when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RepositoryCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Repository { get; set; }

    /// <summary>How versions are chosen; config and the lock file decide when omitted. Locked is -LockedMode.</summary>
    [Parameter]
    [ValidateSet("Highest", "Lowest", "Minimal", "Locked", IgnoreCase = true)]
    public string? Policy { get; set; }

    /// <summary>Fail, naming what would change, unless the lock file already holds exactly what the script needs; never write it.</summary>
    [Parameter]
    public SwitchParameter LockedMode { get; set; }

    /// <summary>Use only what the cache already holds; no network request is made.</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    [Parameter]
    public SwitchParameter AllowPrerelease { get; set; }

    /// <summary>A command or type that maps to no package fails the resolution instead of being a warning.</summary>
    [Parameter]
    public SwitchParameter FailOnUnresolved { get; set; }

    /// <summary>
    /// Let modules already on $env:PSModulePath satisfy module requirements whose range their version fits, instead
    /// of installing them from a feed; the result lists which requirement each satisfied (InstalledModules).
    /// </summary>
    [Parameter]
    public SwitchParameter UseInstalledModules { get; set; }

    /// <summary>
    /// Hash every file of every package the environment uses against the SHA-256 recorded at install (otherwise
    /// only files whose size or modification time changed are hashed); a package that fails is quarantined and
    /// installed again, with a warning naming the file.
    /// </summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    /// <summary>The cache root; $env:DEPRESOLVE_CACHE or the platform cache folder when omitted.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CacheDirectoryCompleter))]
    [ValidateNotNullOrEmpty]
    public string? CacheDirectory { get; set; }

    internal override SessionSettings CreateSettings() => base.CreateSettings() with
    {
        Repositories = (Repository ?? Array.Empty<string>()).Select(ToRepositoryArgument).ToList(),
        Policy = Policy,
        LockedMode = LockedMode.IsPresent,
        Offline = Offline.IsPresent,
        AllowPrerelease = AllowPrerelease.IsPresent,
        FailOnUnresolved = FailOnUnresolved.IsPresent,
        UseInstalledModules = UseInstalledModules.IsPresent,
        Verify = Verify.IsPresent,
        CacheDirectory = CacheDirectory is null ? null : ToProviderPath(CacheDirectory),
    };
}
