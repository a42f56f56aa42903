using System.Runtime.InteropServices;
using DepResolve.Engine.Tests.Hosting;
using Newtonsoft.Json.Linq;

namespace DepResolve.Engine.Tests.Fixtures;

/// <summary>
/// The real pwsh the runner tests start as their child, and the real Pester they run: the PowerShell local .NET tool
/// pinned in .config/dotnet-tools.json (its package lands in the NuGet packages folder) and the Pester module that
/// tools/restore-powershell.sh copies into .tools/Modules. Missing either one fails the test with what to run.
/// </summary>
internal static class RealPowerShell
{
    private static readonly Lazy<string> Executable = new(FindExecutable);
    private static readonly Lazy<string> PesterRoot = new(FindPesterModules);

    /// <summary>The pwsh executable (an apphost of pwsh.dll) of the tool package.</summary>
    public static string Path => Executable.Value;

    /// <summary>A module folder holding Pester 5 (Pester/&lt;version&gt;/Pester.psd1), to put on a run's module path.</summary>
    public static string PesterModules => PesterRoot.Value;

    /// <summary>The version the tool manifest pins.</summary>
    public static string Version { get; } = ReadToolVersion();

    private static string FindExecutable()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var toolFolder = System.IO.Path.Combine(packages, "powershell", Version, "tools");
        var relative = OperatingSystem.IsWindows() ? System.IO.Path.Combine("any", "win", "pwsh.exe") : System.IO.Path.Combine("any", "unix", "pwsh");
        var candidates = Directory.Exists(toolFolder)
            ? Directory.EnumerateDirectories(toolFolder).Select(framework => System.IO.Path.Combine(framework, relative)).Where(File.Exists).ToList()
            : new List<string>();
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                $"PowerShell {Version} (the local .NET tool) is not installed: no {relative} under {toolFolder}. Run tools/restore-powershell.sh first.");
        }

        var executable = candidates.OrderByDescending(c => c, StringComparer.Ordinal).First();
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) == 0)
        {
            throw new InvalidOperationException($"{executable} is not executable. Run tools/restore-powershell.sh again (dotnet tool restore sets its mode).");
        }

        // The apphost finds the .NET runtime through DOTNET_ROOT when dotnet is not in a default place; give it the
        // runtime these tests run on, as 'dotnet pwsh' would.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
            var root = Directory.GetParent(runtimeDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar))?.Parent?.Parent;
            if (root is not null && File.Exists(System.IO.Path.Combine(root.FullName, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet")))
            {
                Environment.SetEnvironmentVariable("DOTNET_ROOT", root.FullName);
            }
        }

        return executable;
    }

    private static string FindPesterModules()
    {
        var modules = RepositoryRoot.Combine(".tools", "Modules");
        var pester = System.IO.Path.Combine(modules, "Pester");
        if (!Directory.Exists(pester) || !Directory.EnumerateFiles(pester, "Pester.psd1", SearchOption.AllDirectories).Any())
        {
            throw new InvalidOperationException($"Pester is not installed under {modules}. Run tools/restore-powershell.sh first.");
        }

        return modules;
    }

    private static string ReadToolVersion()
    {
        var manifest = RepositoryRoot.Combine(".config", "dotnet-tools.json");
        var version = (string?)JObject.Parse(File.ReadAllText(manifest))["tools"]?["powershell"]?["version"];
        return version ?? throw new InvalidOperationException($"{manifest} pins no 'powershell' tool version.");
    }
}
