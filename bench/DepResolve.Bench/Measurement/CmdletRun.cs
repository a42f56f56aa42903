using System.Diagnostics;
using System.Globalization;
using DepResolve.Bench.Serving;

namespace DepResolve.Bench.Measurement;

/// <summary>
/// One Resolve-ScriptDependency call in its own fresh pwsh: the whole process's wall time and the call's own, the
/// process's CPU time during the call, the methods JIT-compiled meanwhile and the time spent compiling them
/// (System.Runtime.JitInfo, all threads), and the time inside the cmdlet (the result's ExecutionTime: the cmdlet's
/// own code from BeginProcessing to the result, script analysis included, without PowerShell's own command lookup
/// and parameter binding, which the caller's clock includes).
/// </summary>
public sealed record CmdletCall(double ProcessMilliseconds, double CmdletMilliseconds, int Requests, int Packages, string Policy, double CpuMilliseconds = 0, long JitMethods = 0, double InsideMilliseconds = 0, double JitMilliseconds = 0);

/// <summary>Cold (empty cache), warm (same cache, a new pwsh) and locked cold (the lock file the cold run wrote, an empty cache).</summary>
public sealed record CmdletFigures(CmdletCall Cold, CmdletCall Warm, CmdletCall LockedCold);

/// <summary>
/// The real cmdlets in a real pwsh, as a user runs them: a script whose <c>Add-Type -AssemblyName</c> lines name the roots
/// (mapped to their packages by depresolve.json's namespaceMappings) is resolved and installed by
/// <c>Resolve-ScriptDependency</c> against the bench feed, each call in a fresh <c>pwsh -NoProfile</c> that imports
/// the built module (out/DepResolve/&lt;version&gt;/ below the current folder). pwsh is the one on PATH, else the
/// repository's local tool (<c>dotnet pwsh</c>, see tools/restore-powershell.sh).
/// </summary>
public static class CmdletRun
{
    private const string ResultPrefix = "RESULT ";

    /// <summary>The pwsh command line prefix and the module manifest, or why the cmdlet figures are skipped.</summary>
    public static (string[]? Pwsh, string? Manifest, string? SkippedBecause) Find()
    {
        var outFolder = Path.Combine(Directory.GetCurrentDirectory(), "out", "DepResolve");
        var manifest = Directory.Exists(outFolder) ? Directory.EnumerateFiles(outFolder, "DepResolve.psd1", SearchOption.AllDirectories).FirstOrDefault() : null;
        if (manifest is null)
        {
            return (null, null, $"no built module under {outFolder} (run build.sh first)");
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return ([onPath], manifest, null);
        }

        var toolManifest = Path.Combine(Directory.GetCurrentDirectory(), ".config", "dotnet-tools.json");
        return File.Exists(toolManifest) && File.ReadAllText(toolManifest).Contains("powershell", StringComparison.OrdinalIgnoreCase)
            ? (["dotnet", "pwsh"], manifest, null)
            : (null, null, "pwsh is neither on PATH nor a local tool (run tools/restore-powershell.sh)");
    }

    public static async Task<CmdletFigures> MeasureAsync(string[] pwsh, string manifest, BenchFeed feed, string folder, IReadOnlyList<string> rootIds)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var workspace = Path.Combine(folder, "workspace");
        var cache = Path.Combine(folder, "cache");
        Directory.CreateDirectory(workspace);
        var script = Path.Combine(workspace, "bench.ps1");
        File.WriteAllText(script, string.Concat(rootIds.Select(id => $"Add-Type -AssemblyName {id}\n")));
        var mappings = string.Join(",\n    ", rootIds.Select(id => $"\"{id}\": \"{id}\""));
        File.WriteAllText(Path.Combine(workspace, "depresolve.json"), $"{{\n  \"namespaceMappings\": {{\n    {mappings}\n  }}\n}}\n");
        var measure = Path.Combine(folder, "measure.ps1");
        File.WriteAllText(measure, """
            param([string] $Module, [string] $Script, [string] $Feed, [string] $Cache)
            Import-Module $Module
            $process = [System.Diagnostics.Process]::GetCurrentProcess()
            $jit = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
            $jitTime = [System.Runtime.JitInfo]::GetCompilationTime($false)
            $cpu = $process.TotalProcessorTime
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $result = Resolve-ScriptDependency -Path $Script -Repository $Feed -CacheDirectory $Cache -ErrorAction Stop
            $ms = $clock.Elapsed.TotalMilliseconds
            $cpuMs = ($process.TotalProcessorTime - $cpu).TotalMilliseconds
            $jit = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jit
            $jitMs = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitTime).TotalMilliseconds
            if (-not $result.Success -or -not $result.EnvironmentId) { throw "Resolve-ScriptDependency failed: $($result.ErrorCode) $($result.ErrorDetails)" }
            "RESULT cmdlet_ms=$($ms.ToString([cultureinfo]::InvariantCulture)) cpu_ms=$($cpuMs.ToString([cultureinfo]::InvariantCulture)) jit=$jit jit_ms=$($jitMs.ToString([cultureinfo]::InvariantCulture)) inside_ms=$($result.ExecutionTime.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)) packages=$($result.ResolvedPackages.Count) policy=$($result.Policy)"
            """);

        async Task<CmdletCall> CallAsync()
        {
            var before = feed.Requests;
            var (processMs, values) = await RunAsync(pwsh, measure, ["-Module", manifest, "-Script", script, "-Feed", feed.ServiceIndexUrl, "-Cache", cache]);
            return new CmdletCall(processMs, double.Parse(values["cmdlet_ms"], CultureInfo.InvariantCulture), feed.Requests - before,
                int.Parse(values["packages"], CultureInfo.InvariantCulture), values["policy"],
                double.Parse(values["cpu_ms"], CultureInfo.InvariantCulture), long.Parse(values["jit"], CultureInfo.InvariantCulture),
                double.Parse(values["inside_ms"], CultureInfo.InvariantCulture), double.Parse(values["jit_ms"], CultureInfo.InvariantCulture));
        }

        var cold = await CallAsync();
        var warm = await CallAsync();
        Directory.Delete(cache, recursive: true);
        var locked = await CallAsync();
        return new CmdletFigures(cold, warm, locked);
    }

    /// <summary>Runs a measuring script in a fresh pwsh: the process's wall time and the name=value pairs of its RESULT line.</summary>
    internal static async Task<(double ProcessMilliseconds, Dictionary<string, string> Values)> RunAsync(string[] pwsh, string script, IEnumerable<string> parameters)
    {
        var start = new ProcessStartInfo(pwsh[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in pwsh.Skip(1).Concat(["-NoProfile", "-NonInteractive", "-File", script]).Concat(parameters))
        {
            start.ArgumentList.Add(argument);
        }

        var wall = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pwsh did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var processMs = wall.Elapsed.TotalMilliseconds;
        var line = (await output).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The pwsh run failed ({process.ExitCode}): {await errors}\n{await output}");
        }

        return (processMs, line[ResultPrefix.Length..].Split(' ').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]));
    }

    public static string Describe(CmdletCall call) =>
        string.Create(CultureInfo.InvariantCulture, $"{call.CmdletMilliseconds / 1000:0.00} / {call.ProcessMilliseconds / 1000:0.00} ({call.Requests})");
}
