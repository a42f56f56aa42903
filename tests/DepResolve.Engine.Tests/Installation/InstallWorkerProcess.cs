using System.Diagnostics;
using DepResolve.Engine.Resolution;
using Newtonsoft.Json;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>Starts DepResolve.InstallWorker (built with the tests and copied beside them) as a real child process.</summary>
internal static class InstallWorkerProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string WritePackages(InstallerTestBed bed, IReadOnlyList<ResolvedNode> packages)
    {
        var path = bed.Combine("packages-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, JsonConvert.SerializeObject(packages.Select(p => p.ToResolvedPackage())));
        return path;
    }

    public static Process Start(InstallerTestBed bed, string packagesFile, string? crashAt = null)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "DepResolve.InstallWorker.dll");
        Assert.True(File.Exists(worker), $"The install worker was not built next to the tests: '{worker}'.");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", worker, bed.CacheRoot, bed.FeedFolder, packagesFile, InstallerTestBed.FeedName })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEPRESOLVE_WORKER_CRASH_AT"] = crashAt ?? "";
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        return Process.Start(start)!;
    }

    public static async Task<Result> WaitAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await output, await error);
        }
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }
}
