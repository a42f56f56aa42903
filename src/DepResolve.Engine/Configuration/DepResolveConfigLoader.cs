using DepResolve.Engine.Model;

namespace DepResolve.Engine.Configuration;

/// <summary>The options in effect and the depresolve.json files they came from (nearest first).</summary>
internal sealed record LoadedConfiguration(DepResolveOptions Options, IReadOnlyList<string> Files);

/// <summary>
/// Loads depresolve.json: every file from the script's folder upward, then the user config
/// ($XDG_CONFIG_HOME/DepResolve, ~/.config/DepResolve, %APPDATA%\DepResolve on Windows). A nearer file wins
/// key by key; repositories merge by name and mappings by key (nearer wins), deny lists add up. Parameters
/// are applied afterwards by the caller (<c>options with { … }</c>). Relative folders in a file are relative to it.
/// </summary>
internal static class DepResolveConfigLoader
{
    public const string FileName = "depresolve.json";

    /// <param name="warn">Told about what the user should fix but that does not stop loading (unknown keys); <paramref name="log"/> when null.</param>
    public static LoadedConfiguration Load(string? scriptPath, DepResolveOptions? defaults = null, string? userConfigFolder = null, Action<string>? log = null, Action<string>? warn = null)
    {
        var files = FindFiles(scriptPath, userConfigFolder ?? DefaultUserConfigFolder());
        var options = defaults ?? new DepResolveOptions();
        foreach (var file in files.Reverse())
        {
            options = DepResolveConfigFile.Apply(options, file, log, warn);
        }

        return new LoadedConfiguration(options, files);
    }

    /// <summary>Existing depresolve.json files, nearest first: script folder, its parents, then the user config folder.</summary>
    public static IReadOnlyList<string> FindFiles(string? scriptPath, string? userConfigFolder)
    {
        var found = new List<string>();
        if (!string.IsNullOrEmpty(scriptPath))
        {
            var full = Path.GetFullPath(scriptPath);
            var folder = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full).Directory;
            for (; folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, FileName);
                if (File.Exists(candidate))
                {
                    found.Add(candidate);
                }
            }
        }

        if (!string.IsNullOrEmpty(userConfigFolder))
        {
            var user = Path.GetFullPath(Path.Combine(userConfigFolder, FileName));
            if (File.Exists(user) && !found.Contains(user, PlatformPaths.Comparer))
            {
                found.Add(user);
            }
        }

        return found;
    }

    /// <summary>$XDG_CONFIG_HOME/DepResolve, else ~/.config/DepResolve; %APPDATA%\DepResolve on Windows.</summary>
    public static string? DefaultUserConfigFolder(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (OperatingSystem.IsWindows())
        {
            var appData = environment("APPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            return string.IsNullOrEmpty(appData) ? null : Path.Combine(appData, "DepResolve");
        }

        var xdg = environment("XDG_CONFIG_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "DepResolve");
        }

        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".config", "DepResolve");
    }
}
