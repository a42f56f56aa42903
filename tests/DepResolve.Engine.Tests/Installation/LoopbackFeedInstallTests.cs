using DepResolve.Engine.Caching;
using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Testing.Servers;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Installation;

/// <summary>The installer and the metadata cache against a NuGet v3 feed served on loopback, counting requests.</summary>
public class LoopbackFeedInstallTests
{
    [Fact]
    public async Task AWarmRunResolvesAndInstallsWithZeroNetworkRequestsAndOfflineWorksWithTheServerGone()
    {
        using var bed = new InstallerTestBed();
        var set = new[] { bed.AddModule("Remote.Module", "1.4.0"), bed.AddLibrary("Remote.Lib", "2.0.0") };
        var server = await NuGetV3FeedServer.StartAsync(bed.FeedFolder);
        var options = new DepResolveOptions();
        var factory = new FeedFactory(options);
        var settings = new RepositorySettings { Name = InstallerTestBed.FeedName, Source = server.ServiceIndexUrl };

        async Task<string> RunAsync(bool offline)
        {
            var feed = new CachingPackageFeed(factory.Create(settings), bed.Layout, options.MetadataTtl, offline);
            foreach (var package in set)
            {
                // What the resolver asks before installing.
                Assert.NotEmpty(await feed.GetAllMetadataAsync(package.Id, CancellationToken.None));
                Assert.NotNull(await feed.GetMetadataAsync(package.Id, package.Version, CancellationToken.None));
            }

            using var outcome = await new PackageInstaller(bed.Layout, [feed], new PackageInstallerOptions { Offline = offline }).InstallAsync(set, null, CancellationToken.None);
            return outcome.Environment!.Id;
        }

        var coldId = await RunAsync(offline: false);
        var coldRequests = server.Counter.Total;
        Assert.True(server.Counter.Matching(".nupkg") == 2, string.Join(", ", server.Counter.Requests.Select(r => r.PathAndQuery)));

        var warmId = await RunAsync(offline: false);
        Assert.Equal(coldRequests, server.Counter.Total);
        Assert.Equal(coldId, warmId);

        await server.DisposeAsync();
        Assert.Equal(coldId, await RunAsync(offline: true));

        var unknown = new CachingPackageFeed(factory.Create(settings), bed.Layout, options.MetadataTtl, offline: true);
        var error = await Assert.ThrowsAsync<DepResolveException>(() => unknown.GetAllMetadataAsync("Never.Seen", CancellationToken.None));
        Assert.Equal(ErrorCode.PackageNotFound, error.Code);
        Assert.Contains("Never.Seen", error.Message);
    }
}
