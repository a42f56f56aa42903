using System.Diagnostics;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Engine.Tests.Fixtures.Servers;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>The v3 fixture is a feed NuGet itself accepts: a real `dotnet restore` against it succeeds.</summary>
public sealed class NuGetV3RestoreFaithfulnessTests
{
    [Fact]
    public async Task Dotnet_restore_of_a_project_referencing_a_fixture_library_succeeds()
    {
        using var temp = new TempFolder("depresolve-restore");
        var feedFolder = temp.Combine("feed");
        new PackageBuilder("Fixture.Words", "1.0.0").AsLibrary("net8.0").Build(feedFolder);
        new PackageBuilder("Fixture.Greeter", "1.0.0").AsLibrary("net8.0").DependsOn("Fixture.Words", "[1.0.0, )", "net8.0").Build(feedFolder);
        await using var server = await NuGetV3FeedServer.StartAsync(feedFolder);

        var project = temp.Combine("app");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Fixture.Greeter" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="fixture" value="{server.ServiceIndexUrl}" allowInsecureConnections="true" />
              </packageSources>
            </configuration>
            """);
        var globalPackages = temp.Combine("global-packages");
        Directory.CreateDirectory(globalPackages);

        var (exitCode, output) = await RunAsync(project, globalPackages, temp.Combine("http-cache"));

        Assert.True(exitCode == 0, $"dotnet restore failed ({exitCode}):\n{output}");
        Assert.True(File.Exists(Path.Combine(globalPackages, "fixture.greeter", "1.0.0", "lib", "net8.0", "Fixture.Greeter.dll")), output);
        Assert.True(File.Exists(Path.Combine(globalPackages, "fixture.words", "1.0.0", "fixture.words.1.0.0.nupkg")), output);
        Assert.Equal(1, server.Counter.ForPath("/v3/flat/fixture.greeter/1.0.0/fixture.greeter.1.0.0.nupkg"));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string project, string globalPackages, string httpCache)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "restore", "App.csproj", "--configfile", "NuGet.Config", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NUGET_PACKAGES"] = globalPackages;
        start.Environment["NUGET_HTTP_CACHE_PATH"] = httpCache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
