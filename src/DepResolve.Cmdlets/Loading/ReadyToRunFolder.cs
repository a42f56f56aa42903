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
        if (Environment.Version.Major < FrameworkMajorVersion)
        {
            return null;
        }

        foreach (var rid in RuntimeIdentifiers(OperatingSystemName(), RuntimeInformation.ProcessArchitecture, IsMusl(RuntimeInformation.RuntimeIdentifier)))
        {
            var folder = Path.Combine(dependencyFolder, Framework + "-" + rid);
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        return null;
    }

    /// <summary>The platform as .NET's portable runtime identifiers name it (linux-x64, win-arm64, osx-arm64).</summary>
    internal static string? PortableRuntimeIdentifier() =>
        OperatingSystemName() is { } os ? RuntimeIdentifiers(os, RuntimeInformation.ProcessArchitecture, isMusl: false)[0] : null;

    /// <summary>
    /// The portable runtime identifiers whose folder may serve this platform, best first. On a musl Linux (Alpine)
    /// that is linux-musl-&lt;arch&gt;, which the SDK names a publish made there, then linux-&lt;arch&gt;, which it
    /// inherits from in .NET's runtime identifier graph: ReadyToRun code is compiled for an operating system and a
    /// processor, and both C libraries run the same Linux code.
    /// </summary>
    internal static IReadOnlyList<string> RuntimeIdentifiers(string? operatingSystem, Architecture architecture, bool isMusl)
    {
        if (operatingSystem is null)
        {
            return [];
        }

        var processor = architecture.ToString().ToLowerInvariant();
        var portable = operatingSystem + "-" + processor;
        // Arrays, not collection expressions: those make a list type of this IL-only assembly that every fresh pwsh JIT-compiles.
        return isMusl && operatingSystem == "linux" ? new[] { operatingSystem + "-musl-" + processor, portable } : new[] { portable };
    }

    /// <summary>
    /// Whether the runtime was built for musl: its own runtime identifier says so (linux-musl-x64 from Microsoft's
    /// builds, alpine.3.x-x64 from Alpine's packages).
    /// </summary>
    internal static bool IsMusl(string runtimeIdentifier) =>
        runtimeIdentifier.Contains("-musl-", StringComparison.OrdinalIgnoreCase)
        || runtimeIdentifier.StartsWith("alpine", StringComparison.OrdinalIgnoreCase);

    private static string? OperatingSystemName() =>
        OperatingSystem.IsWindows() ? "win"
        : OperatingSystem.IsMacOS() ? "osx"
        : OperatingSystem.IsLinux() ? "linux"
        : null;
}
