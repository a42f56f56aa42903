using System.Diagnostics;
using System.Globalization;
using System.Text;
using DepResolve.Bench.Serving;

namespace DepResolve.Bench.Measurement;

/// <summary>What one child reported for one phase, plus the feed requests the server saw during it.</summary>
public sealed record PhaseFigures(double Milliseconds, double ResolveMilliseconds, double InstallMilliseconds, int Packages, int Downloaded,
    bool ResolutionCacheHit, long PeakWorkingSetBytes, int Requests);

public sealed record DepResolveFigures(PhaseFigures Cold, PhaseFigures Warm, PhaseFigures WarmNewProcess, double ChildWallMilliseconds);

/// <summary>Runs DepResolve's resolve + install in child processes against a running feed, into an empty cache root.</summary>
public static class DepResolveRun
{
    public static async Task<DepResolveFigures> MeasureAsync(BenchFeed feed, string cacheRoot, IReadOnlyList<string> rootIds, string rootVersion)
    {
        if (Directory.Exists(cacheRoot))
        {
            Directory.Delete(cacheRoot, recursive: true);
        }

        var arguments = new List<string> { ChildInstall.Flag, "--feed", feed.ServiceIndexUrl, "--cache", cacheRoot, "--roots", string.Join(',', rootIds.Select(id => $"{id}@{rootVersion}")) };
        var wall = Stopwatch.StartNew();
        using var child = Process.Start(ChildProcess.ForSelf(arguments)) ?? throw new InvalidOperationException("The DepResolve child did not start.");
        var errors = new StringBuilder();
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        child.BeginErrorReadLine();

        var before = feed.Requests;
        var cold = await ReadResultAsync(child, errors);
        var afterCold = feed.Requests;
        await child.StandardInput.WriteLineAsync("go");
        await child.StandardInput.FlushAsync();
        var warm = await ReadResultAsync(child, errors);
        var afterWarm = feed.Requests;
        await child.WaitForExitAsync();
        var wallMs = wall.Elapsed.TotalMilliseconds;
        EnsureSucceeded(child, errors);

        arguments.Add("--warm-only");
        using var second = Process.Start(ChildProcess.ForSelf(arguments)) ?? throw new InvalidOperationException("The DepResolve child did not start.");
        var secondErrors = new StringBuilder();
        second.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (secondErrors) { secondErrors.AppendLine(e.Data); } } };
        second.BeginErrorReadLine();
        var warmNew = await ReadResultAsync(second, secondErrors);
        await second.WaitForExitAsync();
        EnsureSucceeded(second, secondErrors);
        var afterSecond = feed.Requests;

        return new DepResolveFigures(
            cold with { Requests = afterCold - before },
            warm with { Requests = afterWarm - afterCold },
            warmNew with { Requests = afterSecond - afterWarm },
            wallMs);
    }

    private static async Task<PhaseFigures> ReadResultAsync(Process child, StringBuilder errors)
    {
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ChildInstall.ResultPrefix, StringComparison.Ordinal))
            {
                return Parse(line[ChildInstall.ResultPrefix.Length..]);
            }
        }

        await child.WaitForExitAsync();
        throw new InvalidOperationException($"The DepResolve child exited with {child.ExitCode} before reporting:\n{errors}");
    }

    private static void EnsureSucceeded(Process child, StringBuilder errors)
    {
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The DepResolve child exited with {child.ExitCode}:\n{errors}");
        }
    }

    private static PhaseFigures Parse(string text)
    {
        var values = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        double D(string key) => double.Parse(values[key], CultureInfo.InvariantCulture);
        return new PhaseFigures(D("ms"), D("resolve_ms"), D("install_ms"), (int)D("packages"), (int)D("downloaded"),
            bool.Parse(values["resolution_cache_hit"]), (long)D("peak_working_set"), 0);
    }
}
