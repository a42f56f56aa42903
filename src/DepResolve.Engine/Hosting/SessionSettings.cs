namespace DepResolve.Engine.Hosting;

/// <summary>What a host (a cmdlet, the console quick start) decides once per session. Strings and BCL types only.</summary>
public sealed record SessionSettings
{
    /// <summary>Where config files are searched from and relative paths resolve; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Null: $DEPRESOLVE_CACHE, else the platform cache folder.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Registered repository names, feed URLs or folders; empty means the configured repositories.</summary>
    public IReadOnlyList<string> Repositories { get; init; } = Array.Empty<string>();

    /// <summary>A <see cref="Model.ResolutionPolicy"/> name; null lets config and the lock file decide.</summary>
    public string? Policy { get; init; }

    /// <summary>-LockedMode: fail on any change to a script's locked set instead of updating the lock file (see DepResolveOptions).</summary>
    public bool LockedMode { get; init; }

    public bool Offline { get; init; }

    public bool AllowPrerelease { get; init; }

    /// <summary>-FailOnUnresolved: an inferred item that maps to no package fails the resolution (see DepResolveOptions).</summary>
    public bool FailOnUnresolved { get; init; }

    /// <summary>-UseInstalledModules: modules already on <see cref="InstalledModulePath"/> may satisfy module requirements.</summary>
    public bool UseInstalledModules { get; init; }

    /// <summary>The folders searched for installed modules (the user's PSModulePath); null: this process's $env:PSModulePath.</summary>
    public IReadOnlyList<string>? InstalledModulePath { get; init; }

    /// <summary>
    /// The host approves every install without asking (no -Confirm, no -WhatIf in effect): downloads may then start
    /// while the graph is still being resolved. Without it, a session with an <see cref="SessionCallbacks.ApproveInstall"/>
    /// callback downloads nothing before that callback has approved each package.
    /// </summary>
    public bool InstallsPreApproved { get; init; }

    /// <summary>
    /// -Verify: every file of every store entry the set uses is hashed again (SHA-256, as recorded at install) and
    /// files that were not installed are reported; an entry that fails is quarantined and installed again from its
    /// feed, with a warning naming the file. Without it only files whose size or last-write time changed are hashed.
    /// </summary>
    public bool Verify { get; init; }

    /// <summary>-WhatIf: nothing is written, not even cached feed answers; installs are only planned.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// PowerShell's parser: script text in, facts out. It lives with the host (it needs System.Management.Automation),
    /// so the host passes it in; null means PowerShell sources cannot be analysed in this session. The engine reads
    /// the files, follows the scripts they refer to and decides what the facts mean.
    /// </summary>
    public Analysis.PowerShell.IScriptParser? PowerShellParser { get; init; }

    /// <summary>Built-in command names of the host session; the engine's own list is used when null.</summary>
    public IReadOnlyCollection<string>? BuiltInCommands { get; init; }

    /// <summary>Where the user's depresolve.json is looked for; null: the platform's user config folder.</summary>
    internal string? UserConfigFolder { get; init; }

    /// <summary>Where the user's NuGet.Config is looked for; null: NuGet's user folder (~/.nuget/NuGet, %APPDATA%\NuGet on Windows).</summary>
    internal string? UserNuGetConfigFolder { get; init; }

    /// <summary>Where the user's PSResourceGet repository registrations are looked for; null: the platform's local application data.</summary>
    internal string? LocalApplicationDataFolder { get; init; }
}
