using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Tests.Feeds;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Resolution;

/// <summary>The resolver against a real NuGet v3 feed on loopback, built from real .nupkg files.</summary>
public class ResolverOverHttpTests
{
    private const int PackageCount = 50;

    /// <summary>
    /// Fifty modules in five layers of ten; each depends on two or three of the next layer. Layer-1 modules also have
    /// a newer 2.0.0 that needs a layer-2 version that does not exist, so the newest choice must be abandoned.
    /// </summary>
    private static TempFolder BuildGraph()
    {
        var folder = new TempFolder("depresolve-resolver-http");
        for (var i = 0; i < PackageCount; i++)
        {
            var layer = i / 10;
            var package = new PackageBuilder(Name(i), "1.0.0").AsModule([$"Get-Graph{i:00}"]);
            if (layer < 4)
            {
                foreach (var next in new[] { (layer + 1) * 10 + i % 10, (layer + 1) * 10 + (i + 3) % 10, (layer + 1) * 10 + (i + 7) % 10 }.Distinct().Take(2 + i % 2))
                {
                    package.DependsOn(Name(next), "[1.0.0, )");
                }
            }

            package.Build(folder.Path);
            if (layer == 1)
            {
                new PackageBuilder(Name(i), "2.0.0").AsModule([$"Get-Graph{i:00}"]).DependsOn(Name(20 + i % 10), "[9.0.0, )").Build(folder.Path);
            }
        }

        return folder;
    }

    private static string Name(int i) => $"Graph.Module{i:00}";

    [Fact]
    public async Task Fifty_package_graph_resolves_with_about_one_request_per_package()
    {
        using var packages = BuildGraph();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.PublishHashes = true;
        var feed = new NuGetV3Feed(HttpFeedTestPackages.Repository(server.ServiceIndexUrl), HttpFeedTestPackages.FastClient());
        var roots = Enumerable.Range(0, 10).Select(i => new PackageRequirement(Name(i), VersionRange.Parse("1.0")) { RequestedBy = "graph.ps1" }).ToList();

        var outcome = await new DependencyResolver([feed]).ResolveAsync(new ResolutionRequest { Requirements = roots });

        Assert.True(outcome.Success, outcome.Error?.Message);
        Assert.Equal(PackageCount, outcome.Packages.Count);
        Assert.All(outcome.Packages, p => Assert.Equal(new NuGetVersion(1, 0, 0), p.Version));
        Assert.All(outcome.Packages, p => Assert.Equal("fixture", p.FeedName));
        Assert.All(outcome.Packages, p => Assert.True(p.IsPowerShellModule));
        Assert.Equal(PackageCount, outcome.MetadataRequests);
        Assert.InRange(server.Counter.Total, PackageCount, PackageCount + 3);
        Assert.Equal(
            "graph.ps1 -> Graph.Module00 1.0.0 -> Graph.Module10 1.0.0 -> Graph.Module20 1.0.0 -> Graph.Module30 1.0.0 -> Graph.Module40 [1.0.0, )",
            outcome.Packages.Single(p => p.Id == Name(40)).Reason);

        // The lock file built from it carries each package's real hash as the feed published it.
        var lockFile = LockFileFactory.Create(outcome.Packages, outcome.Policy, new Dictionary<string, string>(), [HttpFeedTestPackages.Repository(server.ServiceIndexUrl)]);
        var published = FixturePackage.LoadFolder(packages.Path).Single(p => p.Id == Name(7) && p.Version == new NuGetVersion(1, 0, 0));
        Assert.Equal(published.Sha512, lockFile.GetExpectedSha512(Name(7), new NuGetVersion(1, 0, 0)));
    }
}
