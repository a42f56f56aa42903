using System.Runtime.InteropServices;

namespace DepResolve.Cmdlets.Loading;

/// <summary>
/// Dependencies/net10.0-&lt;rid&gt;/: the engine's closure compiled ahead of time for .NET 10 on one platform
/// (src/DepResolve.Engine.ReadyToRun). .NET 10 does not use ReadyToRun code compiled for net8.0, so on pwsh 7.6+
/// the same assemblies from Dependencies/ would be JIT-compiled at their first call (about 2,000 methods in the
/// first call of a warm cache). The folder is only chosen where its code can run: .NET 10 or later, and the
/// operating system and processor it was compiled for.
/// </summary>
internal static class ReadyToRunFolder
{
    /// <summary>The framework the folder's code was compiled for; its name starts with it.</summary>
    internal const string Framework = "net10.0";

    private const int FrameworkMajorVersion = 10;

    /// <summary>The folder for this process, or null when the module carries none for it.</summary>
    public static string? Find(string dependencyFolder)
    {
        if (Environment.Version.Major < FrameworkMajorVersion || PortableRuntimeIdentifier() is not { } rid)
        {
            return null;
        }

        var folder = Path.Combine(dependencyFolder, Framework + "-" + rid);
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>The platform as .NET's portable runtime identifiers name it (linux-x64, win-arm64, osx-arm64).</summary>
    internal static string? PortableRuntimeIdentifier()
    {
        var os = OperatingSystem.IsWindows() ? "win"
            : OperatingSystem.IsMacOS() ? "osx"
            : OperatingSystem.IsLinux() ? "linux"
            : null;
        return os is null ? null : os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
    }
}
