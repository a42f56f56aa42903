using System.Globalization;

namespace DepResolve.Bench.Measurement;

/// <summary>The first call of one command in a fresh pwsh that imported the module: its own time, CPU time and JIT-compiled methods.</summary>
public sealed record FirstCall(double ProcessMilliseconds, double CallMilliseconds, double CpuMilliseconds, long JitMethods);

/// <summary>PowerShell's own first-call cost, measured as <see cref="CmdletRun"/> measures Resolve-ScriptDependency's.</summary>
public sealed record PowerShellFirstCalls(FirstCall BinaryCmdlet, FirstCall Function);

/// <summary>
/// What any first call costs in a fresh pwsh, so the warm Resolve-ScriptDependency call can be split into PowerShell's
/// share and the module's: the first <c>Get-Item .</c> (a binary cmdlet shipped with PowerShell) and the first call of
/// a one-line script function, each in its own fresh <c>pwsh -NoProfile</c> that has imported the module first,
/// timed by the same stopwatch, CPU and JIT counters around the call.
/// </summary>
public static class PowerShellFirstCall
{
    public static async Task<PowerShellFirstCalls> MeasureAsync(string[] pwsh, string manifest, string folder, int repeats)
    {
        Directory.CreateDirectory(folder);
        var measure = Path.Combine(folder, "first-call.ps1");
        File.WriteAllText(measure, """
            param([string] $Module, [string] $Kind)
            Import-Module $Module
            function Get-Same { param($Path) $Path }
            $process = [System.Diagnostics.Process]::GetCurrentProcess()
            $jit = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
            $cpu = $process.TotalProcessorTime
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            if ($Kind -eq 'binary') { $result = Get-Item -Path . -ErrorAction Stop } else { $result = Get-Same -Path . }
            $ms = $clock.Elapsed.TotalMilliseconds
            $cpuMs = ($process.TotalProcessorTime - $cpu).TotalMilliseconds
            $jit = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jit
            if ($null -eq $result) { throw "The $Kind call returned nothing." }
            "RESULT call_ms=$($ms.ToString([cultureinfo]::InvariantCulture)) cpu_ms=$($cpuMs.ToString([cultureinfo]::InvariantCulture)) jit=$jit"
            """);

        async Task<FirstCall> MedianAsync(string kind)
        {
            var calls = new List<FirstCall>();
            for (var run = 0; run < repeats; run++)
            {
                var (processMs, values) = await CmdletRun.RunAsync(pwsh, measure, ["-Module", manifest, "-Kind", kind]);
                calls.Add(new FirstCall(processMs, double.Parse(values["call_ms"], CultureInfo.InvariantCulture),
                    double.Parse(values["cpu_ms"], CultureInfo.InvariantCulture), long.Parse(values["jit"], CultureInfo.InvariantCulture)));
            }

            return calls.OrderBy(c => c.CallMilliseconds).ElementAt(calls.Count / 2);
        }

        return new PowerShellFirstCalls(await MedianAsync("binary"), await MedianAsync("function"));
    }

    public static string Describe(FirstCall call) =>
        string.Create(CultureInfo.InvariantCulture, $"{call.CallMilliseconds:0} ms ({call.CpuMilliseconds:0} ms CPU, {call.JitMethods} methods JIT-compiled; process {call.ProcessMilliseconds / 1000:0.00} s)");
}
