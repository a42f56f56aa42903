using DepResolve.Engine.Caching;
using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Feeds;
using DepResolve.Engine.Tests.Installation;
using DepResolve.Testing;
using DepResolve.Testing.Servers;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Caching;

public class CachingPackageFeedTests
{
    [Fact]
    public async Task RepeatedQueriesWithinTheTtlNeverReachTheFeedAndSurviveAProcessRestart()
    {
        using var bed = new InstallerTestBed();
        bed.Add(new PackageBuilder("Az.Compute", "7.1.0").AsModule(functions: ["Get-AzVM"]).DependsOn("Az.Accounts", "[3.0.0, )"), isModule: true);
        bed.Add(new PackageBuilder("Az.Compute", "7.2.0-preview").AsModule(), isModule: true);
        var inner = bed.NewFeed();
        var now = DateTime.UtcNow;

        var first = new CachingPackageFeed(inner, bed.Layout, TimeSpan.FromMinutes(30), offline: false, () => now);
        var fresh = await first.GetAllMetadataAsync("Az.Compute", CancellationToken.None);
        var versions = await first.ListVersionsAsync("az.compute", CancellationToken.None);
        Assert.Equal(2, inner.Requests);

        var restarted = new CachingPackageFeed(inner, bed.Layout, TimeSpan.FromMinutes(30), offline: false, () => now.AddMinutes(29));
        var cached = await restarted.GetAllMetadataAsync("Az.Compute", CancellationToken.None);
        var one = await restarted.GetMetadataAsync("Az.Compute", NuGetVersion.Parse("7.1.0"), CancellationToken.None);
        var cachedVersions = await restarted.ListVersionsAsync("Az.Compute", CancellationToken.None);

        Assert.Equal(2, inner.Requests);
        Assert.Equal(fresh.Select(m => m.Version).Order(), cached.Select(m => m.Version).Order());
        Assert.Equal(versions.Select(v => v.Version).Order(), cachedVersions.Select(v => v.Version).Order());
        Assert.Contains(cached, m => m.Version.IsPrerelease);
        var dependency = Assert.Single(Assert.Single(one!.DependencyGroups).Dependencies);
        Assert.Equal("Az.Accounts", dependency.Id);
        Assert.Equal(VersionRange.Parse("[3.0.0, )"), dependency.Range);
        Assert.True(one.IsPowerShellModule);
        Assert.Contains("PSCommand_Get-AzVM", one.Tags);

        var expired = new CachingPackageFeed(inner, bed.Layout, TimeSpan.FromMinutes(30), offline: false, () => now.AddMinutes(31));
        await expired.GetAllMetadataAsync("Az.Compute", CancellationToken.None);
        Assert.Equal(3, inner.Requests);
    }

    [Fact]
    public async Task TheCacheFolderIsNamedAfterTheFeedsLocationAsEarlierVersionsNamedIt()
    {
        using var bed = new InstallerTestBed();
        bed.Add(new PackageBuilder("Az.Compute", "7.1.0").AsModule(), isModule: true);
        var inner = bed.NewFeed();
        var location = DepResolve.Engine.Feeds.FeedLocation.Normalize(inner.Source);
        var expected = "feed-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(location)), 0, 8).ToLowerInvariant();

        await new CachingPackageFeed(inner, bed.Layout, TimeSpan.FromMinutes(30), offline: false).GetAllMetadataAsync("Az.Compute", CancellationToken.None);

        Assert.Equal([expected], Directory.GetDirectories(bed.Layout.MetadataFolder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ADownloadWhoseBytesDisagreeWithTheCachedHashDropsTheCachedMetadata()
    {
        using var bed = new InstallerTestBed();
        bed.Add(new PackageBuilder("Lib.Republished", "1.0.0").AsLibrary("net8.0"), isModule: false);
        await using var server = await NuGetV3FeedServer.StartAsync(bed.FeedFolder);
        server.PublishHashes = true;
        var first = new CachingPackageFeed(new NuGetV3Feed(HttpFeedTestPackages.Repository(server.ServiceIndexUrl), HttpFeedTestPackages.FastClient()), bed.Layout, TimeSpan.FromHours(1), offline: false);
        var original = (await first.GetAllMetadataAsync("Lib.Republished", CancellationToken.None)).Single().PublishedSha512;
        Assert.False(string.IsNullOrEmpty(original));

        // Republished under the same version; a later process serves the old hash from its metadata cache, and its
        // feed, which has not fetched metadata itself, cannot know the published hash changed.
        var republished = bed.Add(new PackageBuilder("Lib.Republished", "1.0.0").AsLibrary("net8.0", "netstandard2.0"), isModule: false);
        var later = new CachingPackageFeed(new NuGetV3Feed(HttpFeedTestPackages.Repository(server.ServiceIndexUrl), HttpFeedTestPackages.FastClient()), bed.Layout, TimeSpan.FromHours(1), offline: false);
        Assert.Equal(original, (await later.GetAllMetadataAsync("Lib.Republished", CancellationToken.None)).Single().PublishedSha512);
        var downloaded = await later.DownloadAsync("Lib.Republished", NuGetVersion.Parse("1.0.0"), bed.Combine("dl", "x.nupkg"), CancellationToken.None);
        Assert.Equal(republished.Sha512, downloaded.Sha512);

        var requestsBefore = server.Counter.Matching("registration");
        await later.GetAllMetadataAsync("Lib.Republished", CancellationToken.None);
        Assert.True(server.Counter.Matching("registration") > requestsBefore, "the stale cached metadata was served again");
    }

    [Fact]
    public async Task ADownloadIsCheckedAgainstWhatThisFeedAnsweredEvenWhenTheFeedPublishedNoHash()
    {
        // Without a published hash there is nothing to compare, and the cache file is not read again for each download
        // (a 1,000-package install read and parsed 1,000 of them): here another process rewrites it meanwhile with a hash
        // the downloaded bytes disagree with, and this feed's own answer, not the rewritten file, decides.
        using var bed = new InstallerTestBed();
        bed.Add(new PackageBuilder("Lib.Unhashed", "1.0.0").AsLibrary("net8.0"), isModule: false);
        await using var server = await NuGetV3FeedServer.StartAsync(bed.FeedFolder);
        CachingPackageFeed NewFeed(TimeSpan ttl) =>
            new(new NuGetV3Feed(HttpFeedTestPackages.Repository(server.ServiceIndexUrl), HttpFeedTestPackages.FastClient()), bed.Layout, ttl, offline: false);

        var session = NewFeed(TimeSpan.FromHours(1));
        Assert.Null((await session.GetAllMetadataAsync("Lib.Unhashed", CancellationToken.None)).Single().PublishedSha512);

        server.PublishHashes = true;
        var refreshed = (await NewFeed(TimeSpan.Zero).GetAllMetadataAsync("Lib.Unhashed", CancellationToken.None)).Single().PublishedSha512;
        Assert.False(string.IsNullOrEmpty(refreshed));
        var republished = bed.Add(new PackageBuilder("Lib.Unhashed", "1.0.0").AsLibrary("net8.0", "netstandard2.0"), isModule: false);

        var downloaded = await session.DownloadAsync("Lib.Unhashed", NuGetVersion.Parse("1.0.0"), bed.Combine("dl", "x.nupkg"), CancellationToken.None);
        Assert.Equal(republished.Sha512, downloaded.Sha512);

        var requestsBefore = server.Counter.Matching("registration");
        Assert.Equal(refreshed, (await NewFeed(TimeSpan.FromHours(1)).GetAllMetadataAsync("Lib.Unhashed", CancellationToken.None)).Single().PublishedSha512);
        Assert.Equal(requestsBefore, server.Counter.Matching("registration"));
    }

    [Fact]
    public async Task DependencyGroupFrameworksRoundTrip()
    {
        using var bed = new InstallerTestBed();
        bed.Add(new PackageBuilder("Lib.Grouped", "1.0.0").AsLibrary("netstandard2.0").DependsOn("Other", "[1.0.0, 2.0.0)"), isModule: false);
        var inner = bed.NewFeed();
        var expected = (await inner.GetAllMetadataAsync("Lib.Grouped", CancellationToken.None)).Single();

        await new CachingPackageFeed(inner, bed.Layout, TimeSpan.FromHours(1), offline: false).GetAllMetadataAsync("Lib.Grouped", CancellationToken.None);
        var cached = (await new CachingPackageFeed(inner, bed.Layout, TimeSpan.FromHours(1), offline: true).GetAllMetadataAsync("Lib.Grouped", CancellationToken.None)).Single();

        Assert.Equal(expected.DependencyGroups.Select(g => g.TargetFramework), cached.DependencyGroups.Select(g => g.TargetFramework));
        Assert.Equal(NuGetFramework.Parse("netstandard2.0"), cached.DependencyGroups[0].TargetFramework);
        Assert.Equal(expected.DependencyGroups[0].Dependencies, cached.DependencyGroups[0].Dependencies);
    }

    [Fact]
    public async Task OfflineServesStaleAnswersAndNamesWhatIsNotCached()
    {
        using var bed = new InstallerTestBed();
        bed.AddModule("Known.Module", "1.0.0");
        var inner = bed.NewFeed();
        var now = DateTime.UtcNow;
        await new CachingPackageFeed(inner, bed.Layout, TimeSpan.FromMinutes(1), offline: false, () => now).ListVersionsAsync("Known.Module", CancellationToken.None);

        var offline = new CachingPackageFeed(inner, bed.Layout, TimeSpan.FromMinutes(1), offline: true, () => now.AddDays(30));
        var stale = await offline.ListVersionsAsync("Known.Module", CancellationToken.None);
        var missing = await Assert.ThrowsAsync<DepResolveException>(() => offline.GetAllMetadataAsync("Unknown.Module", CancellationToken.None));
        var download = await Assert.ThrowsAsync<DepResolveException>(() => offline.DownloadAsync("Known.Module", NuGetVersion.Parse("1.0.0"), bed.Combine("x.nupkg"), CancellationToken.None));

        Assert.Single(stale);
        Assert.Equal(1, inner.Requests);
        Assert.Equal(ErrorCode.PackageNotFound, missing.Code);
        Assert.Contains("Offline", missing.Message);
        Assert.Contains("Unknown.Module", missing.Message);
        Assert.Contains(InstallerTestBed.FeedName, missing.Message);
        Assert.Equal(ErrorCode.PackageNotFound, download.Code);
        Assert.Contains("Known.Module 1.0.0", download.Message);
    }
}
