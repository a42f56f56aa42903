using System.Runtime.InteropServices;

namespace DepResolve.Engine.Hosting;

/// <summary>The cache root of the on-disk contract: $DEPRESOLVE_CACHE, else the platform cache folder.</summary>
public static class CacheLocation
{
    public const string EnvironmentVariable = "DEPRESOLVE_CACHE";

    public static string Resolve(string? explicitRoot)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return Path.GetFullPath(explicitRoot);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "DepResolve");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseFolder = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseFolder, "DepResolve");
    }
}
