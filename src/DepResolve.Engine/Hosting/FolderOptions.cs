using System.Collections.Concurrent;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Hosting;

/// <summary>
/// The options for scripts of each folder: depresolve.json from that folder upward, then the user config, loaded
/// once per folder, with the session's parameters applied over them. -Policy and -CacheDirectory replace the
/// configured value; -Offline, -AllowPrerelease and -WhatIf only ever turn their option on. A malformed file is
/// InvalidInput naming it.
/// </summary>
internal sealed class FolderOptions
{
    private readonly ConcurrentDictionary<string, Lazy<DepResolveOptions>> _options = new(PlatformPaths.Comparer);
    private readonly SessionSettings _settings;
    private readonly string _workingDirectory;
    private readonly SessionLog _log;

    public FolderOptions(SessionSettings settings, string workingDirectory, SessionLog log)
    {
        _settings = settings;
        _workingDirectory = workingDirectory;
        _log = log;
    }

    /// <summary>The options for scripts in <paramref name="folder"/> (relative to the working directory).</summary>
    public DepResolveOptions For(string folder) =>
        _options.GetOrAdd(Path.GetFullPath(folder, _workingDirectory), f => new Lazy<DepResolveOptions>(() => Load(f))).Value;

    /// <summary>The policy for <paramref name="name"/> (case-insensitive); InvalidInput naming the valid ones otherwise.</summary>
    public static ResolutionPolicy ParsePolicy(string name)
    {
        if (ResolutionPolicyText.TryParse(name, out var policy) && !int.TryParse(name, out _))
        {
            return policy;
        }

        throw new DepResolveException(ErrorCode.InvalidInput, $"'{name}' is not a resolution policy. Valid policies: {string.Join(", ", Enum.GetNames<ResolutionPolicy>())}.", name);
    }

    private DepResolveOptions Load(string folder)
    {
        var loaded = DepResolveConfigLoader.Load(folder, userConfigFolder: _settings.UserConfigFolder, log: _log.Verbose, warn: _log.Warning);
        _log.Verbose(loaded.Files.Count == 0
            ? $"No {DepResolveConfigLoader.FileName} applies to {folder}: default options."
            : $"Options for {folder} from {string.Join(", ", loaded.Files)} (nearest first).");
        var configured = loaded.Options;
        return configured with
        {
            CacheRoot = _settings.CacheDirectory is null ? configured.CacheRoot : Path.GetFullPath(_settings.CacheDirectory, _workingDirectory),
            Policy = _settings.Policy is null ? configured.Policy : ParsePolicy(_settings.Policy),
            LockedMode = configured.LockedMode || _settings.LockedMode,
            Offline = configured.Offline || _settings.Offline,
            AllowPrerelease = configured.AllowPrerelease || _settings.AllowPrerelease,
            FailOnUnresolved = configured.FailOnUnresolved || _settings.FailOnUnresolved,
            UseInstalledModules = configured.UseInstalledModules || _settings.UseInstalledModules,
            DryRun = configured.DryRun || _settings.DryRun,
        };
    }
}
