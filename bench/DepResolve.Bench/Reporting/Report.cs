using System.Globalization;
using System.Text;
using DepResolve.Bench.Measurement;

namespace DepResolve.Bench.Reporting;

/// <summary>Prints the markdown tables, the targets as PASS/MISS and one name=value line per figure.</summary>
public sealed class Report
{
    public const double ColdToRestoreTarget = 0.5;
    public const double ColdToLowerBoundTarget = 1.5;
    public const double WarmMillisecondsTarget = 50;
    public const double PeakMegabytesTarget = 150;
    public const int PeakMemorySize = 1000;
    public const double LockedToUnlockedTarget = 1.2;
    public const double FirstCallMillisecondsTarget = 80;

    /// <summary>Prefixes the name=value figures measured in the ReadyToRun pwsh.</summary>
    public const string ReadyToRunPrefix = "readytorun_pwsh.";

    private readonly List<(string Name, string Value)> _figures = new();

    public string Render(BenchOptions options, string machine, IReadOnlyList<SizeResult> sizes, AnalysisFigures csharp, AnalysisFigures? powershell, string? powershellSkipped, string? cmdletsSkipped = null, PowerShellFirstCalls? firstCalls = null, ReadyToRunPwshFigures? readyToRunPwsh = null)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Machine: {machine}"));
        text.AppendLine(Invariant($"Settings: latency {options.LatencyMs} ms per request, bandwidth {(options.BandwidthMbps is { } b ? Invariant($"{b} Mbit/s (throttling proxy)") : "unthrottled loopback")}, seed {options.Seed}{(options.Quick ? ", --quick" : "")}"));
        text.AppendLine(Invariant($"Cold figures are the median run of {string.Join(", ", sizes.Select(s => Invariant($"{s.Repeats} (n={s.PackageCount})")))} per side; every cold run starts from an empty cache root / NUGET_PACKAGES."));
        text.AppendLine();
        text.AppendLine("| packages | depth | roots | download MB | DepResolve cold s | requests | dotnet restore s (NuGet's own) | requests | cold ÷ restore | lower bound s | cold ÷ bound | warm ms (requests) | warm, new process ms | peak working set MB |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in sizes)
        {
            var d = s.DepResolve;
            var nuget = s.Restore?.NuGetMilliseconds is { } n ? Invariant($"{n / 1000:0.00}") : "?";
            var restore = s.Restore is { } r ? Invariant($"{r.WallMilliseconds / 1000:0.00} ({nuget})") : "skipped";
            text.AppendLine(Invariant(
                $"| {s.PackageCount} | {s.Depth} | {s.Roots} | {s.DownloadBytes / 1048576.0:0.0} | {d.Cold.Milliseconds / 1000:0.00} | {d.Cold.Requests} | {restore} | {s.Restore?.Requests.ToString(CultureInfo.InvariantCulture) ?? "-"} | ") + Invariant(
                $"{Ratio(s.ColdRatioToRestore)} | {s.LowerBound.Milliseconds / 1000:0.00} | {s.ColdRatioToLowerBound:0.00}× | {d.Warm.Milliseconds:0.0} ({d.Warm.Requests}) | {d.WarmNewProcess.Milliseconds:0.0} ({d.WarmNewProcess.Requests}) | {d.Cold.PeakWorkingSetBytes / 1048576.0:0} |"));
            Record(s);
        }

        text.AppendLine();
        if (sizes.Any(s => s.Cmdlets is not null))
        {
            AppendCmdlets(text, "The real cmdlets: `Resolve-ScriptDependency` in a fresh `pwsh -NoProfile` per call",
                sizes.Where(s => s.Cmdlets is not null).Select(s => (s, s.Cmdlets!)), firstCalls, "");
            if (sizes.Any(s => s.ReadyToRunCmdlets is not null))
            {
                AppendCmdlets(text, $"The same in a ReadyToRun pwsh, what users of an installed pwsh see (PowerShell's installers and tarballs ship its assemblies compiled ReadyToRun, the `dotnet pwsh` tool does not; this copy's were compiled here by the runtime's crossgen2: {readyToRunPwsh?.Pwsh})",
                    sizes.Where(s => s.ReadyToRunCmdlets is not null).Select(s => (s, s.ReadyToRunCmdlets!)), readyToRunPwsh?.FirstCalls, ReadyToRunPrefix);
            }
            else
            {
                text.AppendLine($"ReadyToRun pwsh: not measured ({readyToRunPwsh?.SkippedBecause ?? "no pwsh"}).");
                text.AppendLine();
            }
        }
        else
        {
            text.AppendLine($"The real cmdlets: skipped ({cmdletsSkipped}).");
            text.AppendLine();
        }

        text.AppendLine(Invariant($"Lower bound = (depth + 2) × round trip + bytes ÷ bandwidth; round trip measured {sizes.Select(s => s.LowerBound.RoundTripMilliseconds).DefaultIfEmpty().Average():0.0} ms, bandwidth {BandwidthText(sizes)}."));
        text.AppendLine(Invariant($"C# analyzer: {csharp.Files} files ({csharp.Bytes / 1024.0:0} KB) in {csharp.Milliseconds:0} ms = {csharp.FilesPerSecond:0} files/s ({csharp.Dependencies} dependencies found)."));
        text.AppendLine(powershell is { } ps
            ? Invariant($"PowerShell reader: {ps.Files} files in {ps.Milliseconds:0} ms = {ps.FilesPerSecond:0} files/s.")
            : $"PowerShell reader: skipped ({powershellSkipped}).");
        Add("analysis_csharp_files", csharp.Files);
        Add("analysis_csharp_files_per_s", csharp.FilesPerSecond);
        _figures.Add(("analysis_powershell_files_per_s", powershell is { } p ? Invariant($"{p.FilesPerSecond:0.0}") : "skipped"));

        text.AppendLine();
        text.AppendLine("| target | measured | result |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var s in sizes)
        {
            if (s.ColdRatioToRestore is { } toRestore)
            {
                text.AppendLine(Target($"n{s.PackageCount}: cold ≤ {ColdToRestoreTarget}× dotnet restore", Invariant($"{toRestore:0.00}×"), toRestore <= ColdToRestoreTarget, toRestore / ColdToRestoreTarget));
            }

            text.AppendLine(Target($"n{s.PackageCount}: cold ≤ {ColdToLowerBoundTarget}× lower bound", Invariant($"{s.ColdRatioToLowerBound:0.00}×"), s.ColdRatioToLowerBound <= ColdToLowerBoundTarget, s.ColdRatioToLowerBound / ColdToLowerBoundTarget));
            var warm = s.DepResolve.Warm;
            text.AppendLine(Target($"n{s.PackageCount}: warm ≤ {WarmMillisecondsTarget} ms, 0 requests", Invariant($"{warm.Milliseconds:0.0} ms, {warm.Requests} requests"),
                warm.Milliseconds <= WarmMillisecondsTarget && warm.Requests == 0, warm.Milliseconds / WarmMillisecondsTarget));
            if (s.Cmdlets is { } c)
            {
                if (s.CmdletColdRatioToRestore is { } callToRestore)
                {
                    text.AppendLine(Target($"n{s.PackageCount}: cold Resolve-ScriptDependency ≤ {ColdToRestoreTarget}× dotnet restore", Invariant($"{callToRestore:0.00}×"), callToRestore <= ColdToRestoreTarget, callToRestore / ColdToRestoreTarget));
                }

                var locked = s.LockedToUnlockedCold!.Value;
                text.AppendLine(Target($"n{s.PackageCount}: locked cold ≤ {LockedToUnlockedTarget}× unlocked cold", Invariant($"{locked:0.00}×, {c.LockedCold.Requests} requests"), locked <= LockedToUnlockedTarget, locked / LockedToUnlockedTarget));
                text.AppendLine(Target($"n{s.PackageCount}: warm first call in a new pwsh ≤ {FirstCallMillisecondsTarget} ms, 0 requests", Invariant($"{c.Warm.CmdletMilliseconds:0} ms, {c.Warm.Requests} requests"),
                    c.Warm.CmdletMilliseconds <= FirstCallMillisecondsTarget && c.Warm.Requests == 0, c.Warm.CmdletMilliseconds / FirstCallMillisecondsTarget));
                text.AppendLine(InsideTarget($"n{s.PackageCount}: warm first call in a new pwsh, inside the cmdlet (ExecutionTime)", c.Warm));
            }

            if (s.ReadyToRunCmdlets is { } r2r)
            {
                text.AppendLine(Target($"n{s.PackageCount}: warm first call in a new ReadyToRun pwsh (as installed) ≤ {FirstCallMillisecondsTarget} ms, 0 requests", Invariant($"{r2r.Warm.CmdletMilliseconds:0} ms, {r2r.Warm.Requests} requests"),
                    r2r.Warm.CmdletMilliseconds <= FirstCallMillisecondsTarget && r2r.Warm.Requests == 0, r2r.Warm.CmdletMilliseconds / FirstCallMillisecondsTarget));
                text.AppendLine(InsideTarget($"n{s.PackageCount}: warm first call in a new ReadyToRun pwsh, inside the cmdlet (ExecutionTime)", r2r.Warm));
            }

            if (s.PackageCount == PeakMemorySize)
            {
                var peak = s.DepResolve.Cold.PeakWorkingSetBytes / 1048576.0;
                text.AppendLine(Target($"n{s.PackageCount}: peak working set ≤ {PeakMegabytesTarget} MB", Invariant($"{peak:0} MB"), peak <= PeakMegabytesTarget, peak / PeakMegabytesTarget));
            }
        }

        text.AppendLine();
        foreach (var (name, value) in _figures)
        {
            text.Append(name).Append('=').AppendLine(value);
        }

        return text.ToString();
    }

    private static string Target(string name, string measured, bool pass, double ratioToTarget) =>
        Invariant($"| {name} | {measured} | {(pass ? "PASS" : "MISS")} ({ratioToTarget:0.00} of the target) |");

    private static string InsideTarget(string name, CmdletCall warm) =>
        Target($"{name} ≤ {FirstCallMillisecondsTarget} ms, 0 requests", Invariant($"{warm.InsideMilliseconds:0} ms, {warm.Requests} requests"),
            warm.InsideMilliseconds <= FirstCallMillisecondsTarget && warm.Requests == 0, warm.InsideMilliseconds / FirstCallMillisecondsTarget);

    private void Record(SizeResult s)
    {
        var n = Invariant($"n{s.PackageCount}.");
        var d = s.DepResolve;
        Add(n + "depth", s.Depth);
        Add(n + "roots", s.Roots);
        Add(n + "download_bytes", s.DownloadBytes);
        Add(n + "depresolve_cold_ms", d.Cold.Milliseconds);
        Add(n + "depresolve_cold_resolve_ms", d.Cold.ResolveMilliseconds);
        Add(n + "depresolve_cold_install_ms", d.Cold.InstallMilliseconds);
        Add(n + "depresolve_cold_requests", d.Cold.Requests);
        Add(n + "depresolve_packages", d.Cold.Packages);
        Add(n + "depresolve_child_wall_ms", d.ChildWallMilliseconds);
        if (s.Restore is { } r)
        {
            Add(n + "dotnet_restore_ms", r.WallMilliseconds);
            _figures.Add((n + "dotnet_restore_nuget_reported_ms", r.NuGetMilliseconds is { } ms ? Invariant($"{ms:0.0}") : "unknown"));
            Add(n + "dotnet_restore_requests", r.Requests);
            Add(n + "dotnet_restore_packages", r.Packages);
            Add(n + "cold_ratio_to_dotnet_restore", s.ColdRatioToRestore!.Value);
        }
        else
        {
            _figures.Add((n + "dotnet_restore_ms", "skipped"));
        }

        Add(n + "round_trip_ms", s.LowerBound.RoundTripMilliseconds);
        Add(n + "bandwidth_mbps", s.LowerBound.BytesPerSecond * 8 / 1_000_000);
        Add(n + "lower_bound_ms", s.LowerBound.Milliseconds);
        Add(n + "cold_ratio_to_lower_bound", s.ColdRatioToLowerBound);
        Add(n + "cold_runs", s.Repeats);
        Add(n + "warm_ms", d.Warm.Milliseconds);
        Add(n + "warm_resolve_ms", d.Warm.ResolveMilliseconds);
        Add(n + "warm_install_ms", d.Warm.InstallMilliseconds);
        Add(n + "warm_requests", d.Warm.Requests);
        Add(n + "warm_resolution_cache_hit", d.Warm.ResolutionCacheHit ? 1 : 0);
        Add(n + "warm_new_process_ms", d.WarmNewProcess.Milliseconds);
        Add(n + "warm_new_process_requests", d.WarmNewProcess.Requests);
        Add(n + "peak_working_set_mb", d.Cold.PeakWorkingSetBytes / 1048576.0);
    }

    private void AppendCmdlets(StringBuilder text, string title, IEnumerable<(SizeResult Size, CmdletFigures Figures)> rows, PowerShellFirstCalls? firstCalls, string figurePrefix)
    {
        var measured = rows.ToList();
        text.AppendLine(title + "; each cell is the call's own time / the whole pwsh process's wall time, in seconds (feed requests).");
        text.AppendLine();
        text.AppendLine("| packages | cold | warm, first call in a new pwsh | locked cold | locked ÷ cold | cold call ÷ dotnet restore |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (s, c) in measured)
        {
            var lockedToCold = c.LockedCold.CmdletMilliseconds / c.Cold.CmdletMilliseconds;
            double? coldToRestore = s.Restore is null ? null : c.Cold.CmdletMilliseconds / s.Restore.WallMilliseconds;
            text.AppendLine(Invariant($"| {s.PackageCount} | {CmdletRun.Describe(c.Cold)} | {CmdletRun.Describe(c.Warm)} | {CmdletRun.Describe(c.LockedCold)} | {Ratio(lockedToCold)} | {Ratio(coldToRestore)} |"));
            RecordCmdlets(figurePrefix + Invariant($"n{s.PackageCount}.cmdlet_"), c);
        }

        text.AppendLine();
        foreach (var (s, c) in measured)
        {
            text.AppendLine(Invariant($"Warm first call, {s.PackageCount} packages: {c.Warm.CmdletMilliseconds:0} ms, {c.Warm.CpuMilliseconds:0} ms CPU, {c.Warm.JitMethods} methods JIT-compiled during the call in {c.Warm.JitMilliseconds:0} ms; {c.Warm.InsideMilliseconds:0} ms inside the cmdlet (its ExecutionTime)."));
        }

        if (firstCalls is not null)
        {
            text.AppendLine($"PowerShell's own first call in a fresh pwsh (module imported, timed the same way, median of 3): `Get-Item .` {PowerShellFirstCall.Describe(firstCalls.BinaryCmdlet)}; a one-line script function {PowerShellFirstCall.Describe(firstCalls.Function)}.");
            RecordFirstCalls(figurePrefix, firstCalls);
        }

        text.AppendLine();
    }

    private void RecordCmdlets(string prefix, CmdletFigures figures)
    {
        foreach (var (phase, call) in new[] { ("cold", figures.Cold), ("warm", figures.Warm), ("locked_cold", figures.LockedCold) })
        {
            Add(prefix + phase + "_ms", call.CmdletMilliseconds);
            Add(prefix + phase + "_process_ms", call.ProcessMilliseconds);
            Add(prefix + phase + "_requests", call.Requests);
            Add(prefix + phase + "_packages", call.Packages);
            Add(prefix + phase + "_cpu_ms", call.CpuMilliseconds);
            Add(prefix + phase + "_jit_methods", call.JitMethods);
            Add(prefix + phase + "_jit_ms", call.JitMilliseconds);
            Add(prefix + phase + "_inside_ms", call.InsideMilliseconds);
        }
    }

    private void RecordFirstCalls(string prefix, PowerShellFirstCalls calls)
    {
        foreach (var (name, call) in new[] { ("powershell_first_get_item", calls.BinaryCmdlet), ("powershell_first_function", calls.Function) })
        {
            Add(prefix + name + "_ms", call.CallMilliseconds);
            Add(prefix + name + "_cpu_ms", call.CpuMilliseconds);
            Add(prefix + name + "_jit_methods", call.JitMethods);
            Add(prefix + name + "_process_ms", call.ProcessMilliseconds);
        }
    }

    private void Add(string name, double value) => _figures.Add((name, Invariant($"{value:0.###}")));

    private static string Ratio(double? ratio) => ratio is { } r ? Invariant($"{r:0.00}×") : "-";

    private static string BandwidthText(IReadOnlyList<SizeResult> sizes)
    {
        if (sizes.Count == 0)
        {
            return "-";
        }

        var measured = sizes[0].LowerBound.BandwidthMeasured ? " (measured single-stream loopback throughput, no throttle)" : " (imposed by the throttling proxy)";
        return Invariant($"{sizes.Average(s => s.LowerBound.BytesPerSecond) * 8 / 1_000_000:0} Mbit/s{measured}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
