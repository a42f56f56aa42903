using System.Diagnostics;
using DepResolve.Bench;
using DepResolve.Bench.Generation;
using DepResolve.Bench.Measurement;
using DepResolve.Bench.Reporting;
using DepResolve.Bench.Serving;

if (args.Contains(ChildInstall.Flag))
{
    return await ChildInstall.RunAsync(args);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var total = Stopwatch.StartNew();
void Log(string line) => Console.Error.WriteLine($"[{total.Elapsed:mm\\:ss}] {line}");

var machine = MachineDescription.Describe();
var (pwsh, moduleManifest, cmdletsSkipped) = options.SkipCmdlets ? (null, null, "--skip-cmdlets") : CmdletRun.Find();
var runsFolder = Path.Combine(options.WorkFolder, "runs");
string[]? readyToRunPwsh = null;
string? readyToRunSkipped = options.ReadyToRunPwsh ? null : "without --readytorun-pwsh";
if (options.ReadyToRunPwsh && pwsh is not null)
{
    Log("ReadyToRun pwsh: compiling a copy of pwsh's assemblies (once per pwsh and runtime version)");
    (readyToRunPwsh, readyToRunSkipped) = await ReadyToRunPowerShell.EnsureBuiltAsync(pwsh, options.WorkFolder, Log);
}

var results = new List<SizeResult>();
foreach (var size in options.Sizes)
{
    var (minPayload, maxPayload) = options.PayloadRange(size);
    var graph = SyntheticGraph.Generate(size, minPayload, maxPayload, options.Seed);
    var feedFolder = SyntheticFeedWriter.EnsureWritten(graph, Path.Combine(options.WorkFolder, "feeds"), options.Seed, minPayload, maxPayload, Log);
    var chosenFiles = graph.Packages.ToDictionary(p => p.Id, p => new FileInfo(SyntheticFeedWriter.PackageFile(feedFolder, p.Id, SyntheticGraph.ChosenVersion)).Length);
    var rootIds = graph.Roots.Select(r => r.Id).ToArray();

    await using var feed = await BenchFeed.StartAsync(feedFolder, options.BandwidthMbps);
    var largest = chosenFiles.MaxBy(f => f.Value).Key.ToLowerInvariant();
    var largestUrl = feed.ServiceIndexUrl.Replace("/index.json", $"/flat/{largest}/{SyntheticGraph.ChosenVersion}/{largest}.{SyntheticGraph.ChosenVersion}.nupkg", StringComparison.Ordinal);
    var bytesPerSecond = await LowerBound.MeasureBytesPerSecondAsync(largestUrl, options.BandwidthMbps * 1_000_000);
    feed.SetLatency(TimeSpan.FromMilliseconds(options.LatencyMs));
    var roundTrip = await LowerBound.MeasureRoundTripMillisecondsAsync(feed.ServiceIndexUrl);
    var lowerBound = new LowerBound(graph.Depth, roundTrip, chosenFiles.Values.Sum(), bytesPerSecond, BandwidthMeasured: options.BandwidthMbps is null);
    var repeats = options.RepeatsFor(size);

    var depResolveRuns = new List<DepResolveFigures>();
    for (var run = 1; run <= repeats; run++)
    {
        Log($"n={size}: DepResolve cold, warm and warm in a new process ({run}/{repeats})");
        depResolveRuns.Add(await DepResolveRun.MeasureAsync(feed, Path.Combine(runsFolder, $"n{size}", "depresolve-cache"), rootIds, SyntheticGraph.ChosenVersion));
    }

    var depResolve = Median(depResolveRuns, r => r.Cold.Milliseconds);
    if (depResolve.Cold.Packages != graph.Packages.Count)
    {
        Log($"warning: DepResolve installed {depResolve.Cold.Packages} packages, the graph has {graph.Packages.Count}");
    }

    RestoreFigures? restore = null;
    if (!options.SkipDotnetRestore)
    {
        var restoreRuns = new List<RestoreFigures>();
        for (var run = 1; run <= repeats; run++)
        {
            Log($"n={size}: dotnet restore ({run}/{repeats})");
            restoreRuns.Add(await DotnetRestoreRun.MeasureAsync(feed.ServiceIndexUrl, () => feed.Requests, Path.Combine(runsFolder, $"n{size}", "dotnet"), rootIds, SyntheticGraph.ChosenVersion));
        }

        restore = Median(restoreRuns, r => r.WallMilliseconds);
        if (restore.Packages != graph.Packages.Count)
        {
            Log($"warning: dotnet restore wrote {restore.Packages} packages, the graph has {graph.Packages.Count}");
        }
    }

    var cmdlets = await MeasureCmdletsAsync(pwsh, "pwsh", "cmdlets");
    var readyToRunCmdlets = await MeasureCmdletsAsync(readyToRunPwsh, "the ReadyToRun pwsh", "cmdlets-readytorun-pwsh");

    results.Add(new SizeResult(size, graph.Depth, rootIds.Length, repeats, chosenFiles.Values.Sum(), lowerBound, depResolve, restore, cmdlets, readyToRunCmdlets));
    Directory.Delete(Path.Combine(runsFolder, $"n{size}"), recursive: true);

    // Resolve-ScriptDependency cold, warm in a new pwsh and locked cold in one pwsh; null when there is none to run.
    async Task<CmdletFigures?> MeasureCmdletsAsync(string[]? shell, string shellName, string folderName)
    {
        if (shell is null || moduleManifest is null)
        {
            return null;
        }

        var cmdletRuns = new List<CmdletFigures>();
        for (var run = 1; run <= repeats; run++)
        {
            Log($"n={size}: Resolve-ScriptDependency in {shellName}: cold, warm in a new pwsh, locked cold ({run}/{repeats})");
            cmdletRuns.Add(await CmdletRun.MeasureAsync(shell, moduleManifest, feed, Path.Combine(runsFolder, $"n{size}", folderName), rootIds));
        }

        return Median(cmdletRuns, r => r.Cold.CmdletMilliseconds);
    }
}

PowerShellFirstCalls? firstCalls = null;
if (pwsh is not null && moduleManifest is not null)
{
    Log("PowerShell's own first call in a fresh pwsh: Get-Item and a script function");
    firstCalls = await PowerShellFirstCall.MeasureAsync(pwsh, moduleManifest, Path.Combine(runsFolder, "first-call"), repeats: 3);
}

PowerShellFirstCalls? readyToRunFirstCalls = null;
if (readyToRunPwsh is not null && moduleManifest is not null)
{
    Log("PowerShell's own first call in a fresh ReadyToRun pwsh: Get-Item and a script function");
    readyToRunFirstCalls = await PowerShellFirstCall.MeasureAsync(readyToRunPwsh, moduleManifest, Path.Combine(runsFolder, "first-call-readytorun-pwsh"), repeats: 3);
}

Log("analysis throughput");
var csharp = AnalysisThroughput.Measure(Path.Combine(options.WorkFolder, "analysis", "cs"), options.AnalysisFileCount, options.Seed);
var (powershell, skipped) = await PowerShellReaderThroughput.MeasureAsync(Path.Combine(options.WorkFolder, "analysis", "ps1"), options.AnalysisFileCount);

Console.WriteLine(new Report().Render(options, machine, results, csharp, powershell, skipped, cmdletsSkipped, firstCalls,
    new ReadyToRunPwshFigures(readyToRunPwsh?[0], readyToRunSkipped, readyToRunFirstCalls)));
Log($"done in {total.Elapsed.TotalSeconds:0} s");
return 0;

// The run whose key figure is the median (the upper one of an even count).
static T Median<T>(List<T> runs, Func<T, double> key) => runs.OrderBy(key).ElementAt(runs.Count / 2);
