using System.Diagnostics;
using System.Reflection.PortableExecutable;

namespace DepResolve.Bench.Measurement;

/// <summary>
/// A copy of the pwsh the bench runs (its $PSHOME), with every IL-only assembly at the top of the folder compiled
/// ReadyToRun by the .NET crossgen2 of the runtime pwsh runs on, as PowerShell's installers and tarballs ship it. The
/// `dotnet pwsh` tool package is built framework-dependent without ReadyToRun (PowerShell.Common.props), so every
/// fresh pwsh from it JIT-compiles PowerShell itself; measuring in this copy shows what users of an installed pwsh see.
/// Built once per pwsh and runtime version into the work folder and reused.
/// </summary>
public static class ReadyToRunPowerShell
{
    private const string InfoPrefix = "PWSHINFO ";

    /// <summary>The command line of the compiled copy, or why there is none.</summary>
    public static async Task<(string[]? Pwsh, string? SkippedBecause)> EnsureBuiltAsync(string[] pwsh, string workFolder, Action<string> log)
    {
        var (home, runtimeFolder, runtimeVersion, rid, powerShellVersion) = await DescribeAsync(pwsh);
        var crossgen = FindCrossgen(rid, runtimeVersion);
        if (crossgen is null)
        {
            return (null, $"no crossgen2 {runtimeVersion.Major}.x for {rid} in the NuGet packages folder (publishing the module restores it)");
        }

        var executable = OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh";
        var target = Path.Combine(workFolder, "readytorun-pwsh", $"pwsh-{powerShellVersion}-net{runtimeVersion}-{rid}");
        if (File.Exists(Path.Combine(target, executable)))
        {
            return ([Path.Combine(target, executable)], null);
        }

        var partial = target + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        CopyFolder(home, partial);
        var references = new[] { Path.Combine(runtimeFolder, "*.dll"), Path.Combine(home, "*.dll") };
        var compiled = 0;
        var failed = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var assembly in Directory.GetFiles(home, "*.dll").Where(IsIlOnlyManagedAssembly).Order(StringComparer.Ordinal))
        {
            if (await CompileAsync(crossgen, assembly, Path.Combine(partial, Path.GetFileName(assembly)), rid, references))
            {
                compiled++;
            }
            else
            {
                failed.Add(Path.GetFileName(assembly));
            }
        }

        Directory.Move(partial, target);
        log($"ReadyToRun pwsh: {compiled} assemblies of {home} compiled by {crossgen} in {clock.Elapsed.TotalSeconds:0} s into {target}" +
            (failed.Count > 0 ? $"; left as IL: {string.Join(", ", failed)}" : ""));
        return ([Path.Combine(target, executable)], null);
    }

    private static async Task<(string Home, string RuntimeFolder, Version RuntimeVersion, string Rid, string PowerShellVersion)> DescribeAsync(string[] pwsh)
    {
        var start = new ProcessStartInfo(pwsh[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in pwsh.Skip(1).Concat(["-NoProfile", "-NonInteractive", "-Command",
            "'" + InfoPrefix + "' + ($PSHOME, [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory(), [Environment]::Version, " +
            "[System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier, $PSVersionTable.PSVersion -join '|')"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(InfoPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"pwsh did not describe itself: {output}");
        var parts = line[InfoPrefix.Length..].Split('|');
        return (parts[0], parts[1], Version.Parse(parts[2]), parts[3], parts[4]);
    }

    /// <summary>crossgen2 from the SDK's pack as restored into the NuGet packages folder, the runtime's own version if present, else its newest patch.</summary>
    private static string? FindCrossgen(string rid, Version runtimeVersion)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var pack = Path.Combine(packages, "microsoft.netcore.app.crossgen2." + rid.ToLowerInvariant());
        if (!Directory.Exists(pack))
        {
            return null;
        }

        var executable = OperatingSystem.IsWindows() ? "crossgen2.exe" : "crossgen2";
        return Directory.GetDirectories(pack)
            .Select(folder => (Folder: folder, Version: Version.TryParse(Path.GetFileName(folder), out var v) ? v : null))
            .Where(v => v.Version is not null && v.Version.Major == runtimeVersion.Major && v.Version.Minor == runtimeVersion.Minor)
            .OrderByDescending(v => v.Version == runtimeVersion)
            .ThenByDescending(v => v.Version)
            .Select(v => Path.Combine(v.Folder, "tools", executable))
            .FirstOrDefault(File.Exists);
    }

    private static async Task<bool> CompileAsync(string crossgen, string input, string output, string rid, IEnumerable<string> references)
    {
        var (os, architecture) = SplitRid(rid);
        var start = new ProcessStartInfo(crossgen) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { input, "-o:" + output, "-O", "--targetos:" + os, "--targetarch:" + architecture }.Concat(references.Select(r => "-r:" + r)))
        {
            start.ArgumentList.Add(argument);
        }

        File.Delete(output);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("crossgen2 did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode == 0 && File.Exists(output))
        {
            return true;
        }

        File.Copy(input, output, overwrite: true);
        return false;
    }

    /// <summary>linux-x64 → (linux, x64); linux-musl-arm64 → (linux, arm64); win-x64 → (windows, x64).</summary>
    private static (string Os, string Architecture) SplitRid(string rid)
    {
        var architecture = rid[(rid.LastIndexOf('-') + 1)..];
        var os = rid.StartsWith("win", StringComparison.OrdinalIgnoreCase) ? "windows"
            : rid.StartsWith("osx", StringComparison.OrdinalIgnoreCase) ? "osx"
            : "linux";
        return (os, architecture);
    }

    private static bool IsIlOnlyManagedAssembly(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            return pe.PEHeaders.CorHeader is { } cor && cor.ManagedNativeHeaderDirectory.Size == 0;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(source))
        {
            CopyFolder(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }
}
