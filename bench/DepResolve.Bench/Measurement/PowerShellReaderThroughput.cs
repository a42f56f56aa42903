using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DepResolve.Bench.Measurement;

/// <summary>
/// The PowerShell reader lives in the cmdlet assembly and needs pwsh: when pwsh is on PATH and a built module is
/// found (out/DepResolve/&lt;version&gt;/DepResolve.psd1 below the current folder), Get-ScriptDependency is timed over
/// generated .ps1 files in a child pwsh. Otherwise the figure is skipped with the reason.
/// </summary>
public static class PowerShellReaderThroughput
{
    public static async Task<(AnalysisFigures? Figures, string? SkippedBecause)> MeasureAsync(string folder, int fileCount)
    {
        var pwsh = FindOnPath(OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
        if (pwsh is null)
        {
            return (null, "pwsh is not on PATH");
        }

        var outFolder = Path.Combine(Directory.GetCurrentDirectory(), "out", "DepResolve");
        var manifest = Directory.Exists(outFolder) ? Directory.EnumerateFiles(outFolder, "DepResolve.psd1", SearchOption.AllDirectories).FirstOrDefault() : null;
        if (manifest is null)
        {
            return (null, $"no built module under {outFolder} (build it first)");
        }

        var files = Generate(folder, fileCount);
        var script = Path.Combine(folder, "measure.ps1");
        File.WriteAllText(script, $$"""
            Import-Module '{{manifest.Replace("'", "''", StringComparison.Ordinal)}}'
            $files = Get-ChildItem -LiteralPath '{{folder.Replace("'", "''", StringComparison.Ordinal)}}' -Filter 'Script*.ps1'
            $null = Get-ScriptDependency -LiteralPath ($files | Select-Object -First 10).FullName
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $found = @(Get-ScriptDependency -LiteralPath $files.FullName)
            "ms=$($clock.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)) dependencies=$($found.Count)"
            """);
        var start = new ProcessStartInfo(pwsh) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-File", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("ms=", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            return (null, $"the pwsh run failed: {errors.Trim()}");
        }

        var values = line.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        return (new AnalysisFigures(files.Count, files.Sum(f => new FileInfo(f).Length),
            double.Parse(values["ms"], CultureInfo.InvariantCulture), int.Parse(values["dependencies"], CultureInfo.InvariantCulture)), null);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static IReadOnlyList<string> Generate(string folder, int fileCount)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        for (var i = 0; i < fileCount; i++)
        {
            var text = new StringBuilder();
            text.Append("#Requires -Modules @{ ModuleName = 'Az.Accounts'; ModuleVersion = '2.0.0' }\n");
            text.Append("using namespace System.Collections.Generic\n\n");
            text.Append("param([string]$Name = 'x')\n\n");
            text.Append("Import-Module Pester -MinimumVersion 5.0\n");
            for (var f = 0; f < 10; f++)
            {
                text.Append($"function Invoke-Step{f} {{\n    $list = [List[string]]::new()\n    Get-AzContext | Out-Null\n    Invoke-RestMethod -Uri 'https://example.invalid/{f}' -ErrorAction SilentlyContinue\n    $list.Add($Name)\n}}\n\n");
            }

            var path = Path.Combine(folder, $"Script{i}.ps1");
            File.WriteAllText(path, text.ToString());
            paths.Add(path);
        }

        return paths;
    }
}
