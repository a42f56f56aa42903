using System.Globalization;

namespace DepResolve.Bench;

/// <summary>The command line of the harness (see docs/benchmarks.md).</summary>
public sealed record BenchOptions
{
    public bool Quick { get; init; }

    public IReadOnlyList<int> Sizes { get; init; } = new[] { 10, 100, 1000 };

    public int LatencyMs { get; init; } = 25;

    /// <summary>Megabits per second through the throttling proxy; null serves straight from the feed server.</summary>
    public double? BandwidthMbps { get; init; }

    public int Seed { get; init; } = 20240611;

    /// <summary>Generated feeds are kept here between runs (they are deterministic); caches are made fresh per run.</summary>
    public string WorkFolder { get; init; } = Path.Combine(Path.GetTempPath(), "depresolve-bench");

    public bool SkipDotnetRestore { get; init; }

    /// <summary>Skips the runs of the real cmdlets in pwsh (they need a built module and pwsh).</summary>
    public bool SkipCmdlets { get; init; }

    /// <summary>
    /// Also runs the cmdlet measurements in a copy of pwsh whose assemblies are compiled ReadyToRun, as PowerShell's
    /// installers and tarballs ship them (built once into the work folder; see ReadyToRunPowerShell).
    /// </summary>
    public bool ReadyToRunPwsh { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--sizes" => options with { Sizes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() },
                "--latency-ms" => options with { LatencyMs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--bandwidth-mbps" => options with { BandwidthMbps = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--work" => options with { WorkFolder = Path.GetFullPath(Next()) },
                "--skip-dotnet-restore" => options with { SkipDotnetRestore = true },
                "--skip-cmdlets" => options with { SkipCmdlets = true },
                "--readytorun-pwsh" => options with { ReadyToRunPwsh = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --quick --sizes 10,100,1000 --latency-ms 25 --bandwidth-mbps N --seed N --work DIR --skip-dotnet-restore --skip-cmdlets --readytorun-pwsh"),
            };
        }

        if (options.Sizes.Count == 0 || options.Sizes.Any(s => s < 2))
        {
            throw new ArgumentException("--sizes needs package counts of 2 or more.");
        }

        if (options.BandwidthMbps is <= 0)
        {
            throw new ArgumentException("--bandwidth-mbps must be positive.");
        }

        return options;
    }

    /// <summary>
    /// Package sizes for a feed of <paramref name="packageCount"/> packages: 50 KB–5 MB, except that --quick keeps the
    /// larger feeds lighter so the whole run stays within minutes (the 1,000-package feed is kept for the memory figure).
    /// </summary>
    public (long Min, long Max) PayloadRange(int packageCount) => (Quick, packageCount) switch
    {
        (true, >= 1000) => (50L << 10, 250L << 10),
        (true, >= 100) => (50L << 10, 2L << 20),
        _ => (50L << 10, 5L << 20),
    };

    /// <summary>
    /// Cold runs per side and size, of which the median is reported (the machine is shared, single runs are noisy);
    /// --quick runs the 1,000-package feed once.
    /// </summary>
    public int RepeatsFor(int packageCount) => Quick && packageCount >= 1000 ? 1 : 3;

    public int AnalysisFileCount => Quick ? 400 : 2000;
}
