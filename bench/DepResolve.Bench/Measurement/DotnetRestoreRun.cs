using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

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
        var config = WriteConfig(project, feedUrl);

        // An untimed restore without packages first, so the SDK's own files are in the page cache for the timed one.
        var warmup = WriteProject(Path.Combine(folder, "warmup"), Array.Empty<string>(), rootVersion);
        await RunAsync(warmup, config, packages, httpCache);

        var csproj = WriteProject(project, rootIds, rootVersion);
        var before = requestCount();
        var clock = Stopwatch.StartNew();
        var output = await RunAsync(csproj, config, packages, httpCache);
        var wall = clock.Elapsed.TotalMilliseconds;
        var requests = requestCount() - before;
        var restored = Directory.EnumerateDirectories(packages).Count(d => Directory.EnumerateDirectories(d).Any());
        return new RestoreFigures(wall, NuGetReportedMilliseconds(output), restored, requests);
    }

    private static string WriteConfig(string folder, string feedUrl)
    {
        var path = Path.Combine(folder, "NuGet.Config");
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="bench" value="{SecurityElement.Escape(feedUrl)}" protocolVersion="3" allowInsecureConnections="true" />
              </packageSources>
            </configuration>
            """);
        return path;
    }

    private static string WriteProject(string folder, IReadOnlyList<string> rootIds, string rootVersion)
    {
        Directory.CreateDirectory(folder);
        var references = new StringBuilder();
        foreach (var id in rootIds)
        {
            references.Append($"    <PackageReference Include=\"{id}\" Version=\"{rootVersion}\" />\n");
        }

        var path = Path.Combine(folder, "Restore.csproj");
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);
        return path;
    }

    private static async Task<string> RunAsync(string csproj, string config, string packages, string httpCache)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(csproj)!,
        };
        foreach (var argument in new[] { "restore", csproj, "--configfile", config, "--disable-build-servers" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["NUGET_PACKAGES"] = packages;
        start.Environment["NUGET_HTTP_CACHE_PATH"] = httpCache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet restore did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet restore of {csproj} failed ({process.ExitCode}):\n{output}");
        }

        return output;
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
