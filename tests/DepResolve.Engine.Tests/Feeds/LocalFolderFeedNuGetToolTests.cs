using System.Diagnostics;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>A folder written by NuGet's own tool, not by our fixtures, is a feed we read.</summary>
public sealed class LocalFolderFeedNuGetToolTests : IDisposable
{
    private readonly TempFolder _temp = new("depresolve-nugetpush");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task FolderFilledByDotnetNuGetPushIsReadable()
    {
        var built = new PackageBuilder("Pushed.Module", "1.2.3").AsModule(functions: new[] { "Get-Pushed" }).Build(_temp.Combine("built"));
        var feedFolder = Directory.CreateDirectory(_temp.Combine("feed")).FullName;

        var (exitCode, output) = RunDotnet(_temp.Path, "nuget", "push", built, "--source", feedFolder);
        Assert.True(exitCode == 0, output);

        var feed = new LocalFolderFeed(feedFolder);
        var versions = await feed.ListVersionsAsync("pushed.module", CancellationToken.None);
        Assert.Equal(NuGetVersion.Parse("1.2.3"), Assert.Single(versions).Version);
        var downloaded = await feed.DownloadAsync("Pushed.Module", NuGetVersion.Parse("1.2.3"), _temp.Combine("down.nupkg"), CancellationToken.None);
        Assert.Equal(PackageHash.ComputeSha512OfFile(built), downloaded.Sha512);
        var found = await feed.SearchByTagAsync("PSCommand_Get-Pushed", includePrerelease: false, CancellationToken.None);
        Assert.Equal("Pushed.Module", Assert.Single(found).Id);
    }

    private static (int ExitCode, string Output) RunDotnet(string workingDirectory, params string[] arguments)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet) ? "dotnet" : dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "dotnet nuget push did not finish within two minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
