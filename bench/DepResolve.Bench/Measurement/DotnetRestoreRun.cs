using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DepResolve.Testing;

namespace DepResolve.Bench.Measurement;

/// <param name="WallMilliseconds">The whole `dotnet restore` process, as a user waits for it.</param>
/// <param name="NuGetMilliseconds">What NuGet itself reports ("Restored … (in 2.3 sec)"): the restore without MSBuild's start-up.</param>
/// <param name="Packages">Package folders that appeared in the empty NUGET_PACKAGES.</param>
public sealed record RestoreFigures(double WallMilliseconds, double? NuGetMilliseconds, int Packages, int Requests);

/// <summary>
/// `dotnet restore` of a throwaway net10.0 project with PackageReferences to the same roots, an empty NUGET_PACKAGES
/// and HTTP cache, and a NuGet.Config that clears every source and adds only the loopback feed.
/// </summary>
public static partial class DotnetRestoreRun
{
    public static async Task<RestoreFigures> MeasureAsync(string feedUrl, Func<int> requestCount, string folder, IReadOnlyList<string> rootIds, string rootVersion)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var project = Path.Combine(folder, "project");
        var packages = Path.Combine(folder, "nuget-packages");
        var httpCache = Path.Combine(folder, "nuget-http-cache");
        Directory.CreateDirectory(project);
        Directory.CreateDirectory(packages);
        Directory.CreateDirectory(httpCache);
        var config = DotnetRestore.WriteNuGetConfig(project, feedUrl);

        // An untimed restore without packages first, so the SDK's own files are in the page cache for the timed one.
        var warmup = DotnetRestore.WriteProject(Path.Combine(folder, "warmup"), Array.Empty<(string, string)>());
        await RunAsync(warmup, config, packages, httpCache);

        var csproj = DotnetRestore.WriteProject(project, rootIds.Select(id => (id, rootVersion)));
        var before = requestCount();
        var clock = Stopwatch.StartNew();
        var output = await RunAsync(csproj, config, packages, httpCache);
        var wall = clock.Elapsed.TotalMilliseconds;
        var requests = requestCount() - before;
        var restored = Directory.EnumerateDirectories(packages).Count(d => Directory.EnumerateDirectories(d).Any());
        return new RestoreFigures(wall, NuGetReportedMilliseconds(output), restored, requests);
    }

    private static async Task<string> RunAsync(string csproj, string config, string packages, string httpCache)
    {
        var (exitCode, output) = await DotnetRestore.RunAsync(csproj, config, packages, httpCache);
        return exitCode == 0 ? output : throw new InvalidOperationException($"dotnet restore of {csproj} failed ({exitCode}):\n{output}");
    }

    private static double? NuGetReportedMilliseconds(string output)
    {
        var match = RestoredIn().Match(output);
        if (!match.Success)
        {
            return null;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => value,
            "sec" => value * 1000,
            "min" => value * 60_000,
            _ => null,
        };
    }

    [GeneratedRegex(@"Restored .*\(in ([0-9.]+) (ms|sec|min)\)")]
    private static partial Regex RestoredIn();
}
