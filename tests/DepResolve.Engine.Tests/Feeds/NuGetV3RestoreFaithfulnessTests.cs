using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;

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
        var csproj = DotnetRestore.WriteProject(project, new[] { ("Fixture.Greeter", "1.0.0") });
        var config = DotnetRestore.WriteNuGetConfig(project, server.ServiceIndexUrl);
        var globalPackages = temp.Combine("global-packages");
        Directory.CreateDirectory(globalPackages);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var (exitCode, output) = await DotnetRestore.RunAsync(csproj, config, globalPackages, temp.Combine("http-cache"), timeout.Token);

        Assert.True(exitCode == 0, $"dotnet restore failed ({exitCode}):\n{output}");
        Assert.True(File.Exists(Path.Combine(globalPackages, "fixture.greeter", "1.0.0", "lib", "net8.0", "Fixture.Greeter.dll")), output);
        Assert.True(File.Exists(Path.Combine(globalPackages, "fixture.words", "1.0.0", "fixture.words.1.0.0.nupkg")), output);
        Assert.Equal(1, server.Counter.ForPath("/v3/flat/fixture.greeter/1.0.0/fixture.greeter.1.0.0.nupkg"));
    }
}
