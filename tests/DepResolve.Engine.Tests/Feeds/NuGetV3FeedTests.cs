using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;
using NuGet.Frameworks;
using NuGet.Versioning;
using static DepResolve.Engine.Tests.Feeds.HttpFeedTestPackages;

namespace DepResolve.Engine.Tests.Feeds;

public sealed class NuGetV3FeedTests
{
    [Fact]
    public async Task Versions_come_from_the_flat_container_and_an_unknown_id_is_empty()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var versions = await feed.ListVersionsAsync("fixture.logging", CancellationToken.None);
        var unknown = await feed.ListVersionsAsync("No.Such.Package", CancellationToken.None);

        Assert.Equal(["1.0.0", "1.1.0", "2.0.0-beta1"], versions.Select(v => v.Version.ToNormalizedString()));
        Assert.True(versions.Single(v => v.Version.IsPrerelease).IsListed);
        Assert.Empty(unknown);
        Assert.Equal(1, server.Counter.ForPath("/v3/flat/fixture.logging/index.json"));
    }

    [Theory]
    [InlineData(RegistrationLayout.Inlined)]
    [InlineData(RegistrationLayout.Linked)]
    [InlineData(RegistrationLayout.None)]
    public async Task All_metadata_carries_dependencies_and_tags_whatever_the_registration_layout(RegistrationLayout layout)
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path, layout, pageSize: 2);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var all = await feed.GetAllMetadataAsync("Fixture.Logging", CancellationToken.None);

        Assert.Equal(["1.0.0", "1.1.0", "2.0.0-beta1"], all.Select(m => m.Version.ToNormalizedString()));
        var dependency = Assert.Single(all[1].DependencyGroups.SelectMany(g => g.Dependencies));
        Assert.Equal("Fixture.Core", dependency.Id);
        Assert.Equal(VersionRange.Parse("[1.0.0, )"), dependency.Range);
        Assert.Contains(LoggingTag, all[1].Tags);
        Assert.True(all[1].IsPowerShellModule);
        Assert.All(all, m => Assert.Equal("fixture", m.FeedName));
        var pageRequests = server.Counter.Matching("/v3/registration/fixture.logging/page/");
        Assert.Equal(layout == RegistrationLayout.Linked ? 2 : 0, pageRequests);
        Assert.Equal(layout == RegistrationLayout.None ? 3 : 0, server.Counter.Matching(".nuspec"));
    }

    [Fact]
    public async Task Metadata_is_fetched_once_per_id_for_the_feeds_lifetime()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        await feed.GetAllMetadataAsync("Fixture.Logging", CancellationToken.None);
        var one = await feed.GetMetadataAsync("Fixture.Logging", NuGetVersion.Parse("1.1.0"), CancellationToken.None);
        var missing = await feed.GetMetadataAsync("Fixture.Logging", NuGetVersion.Parse("9.9.9"), CancellationToken.None);

        Assert.Equal("1.1.0", one!.Version.ToNormalizedString());
        Assert.Null(missing);
        Assert.Equal(1, server.Counter.ForPath("/v3/registration/fixture.logging/index.json"));
        Assert.Equal(1, server.Counter.ForPath("/v3/index.json"));
    }

    [Fact]
    public async Task Unlisted_versions_and_tags_written_as_one_string_are_read()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.TagsAsString = true;
        server.Unlist("Fixture.Logging", "1.0.0");
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var all = await feed.GetAllMetadataAsync("Fixture.Logging", CancellationToken.None);

        Assert.False(all[0].IsListed);
        Assert.True(all[1].IsListed);
        Assert.Contains(LoggingTag, all[1].Tags);
        Assert.Contains("PSModule", all[1].Tags);
    }

    [Fact]
    public async Task Library_dependency_groups_keep_their_target_framework()
    {
        using var packages = new TempFolder("depresolve-httpfeed");
        new PackageBuilder("Fixture.Lib", "1.0.0").AsModule().DependsOn("Fixture.Core", "[1.0.0, 2.0.0)", "net8.0").Build(packages.Path);
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var metadata = await feed.GetMetadataAsync("Fixture.Lib", NuGetVersion.Parse("1.0.0"), CancellationToken.None);

        var group = Assert.Single(metadata!.DependencyGroups);
        Assert.Equal(NuGetFramework.Parse("net8.0"), group.TargetFramework);
        Assert.Equal(VersionRange.Parse("[1.0.0, 2.0.0)"), Assert.Single(group.Dependencies).Range);
    }

    [Fact]
    public async Task Tag_search_returns_the_newest_listed_version_of_each_package_carrying_the_tag()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var stable = await feed.SearchByTagAsync(LoggingTag, includePrerelease: false, CancellationToken.None);
        var withPrerelease = await feed.SearchByTagAsync(LoggingTag, includePrerelease: true, CancellationToken.None);
        var none = await feed.SearchByTagAsync("PSCommand_Nothing-Here", includePrerelease: true, CancellationToken.None);

        Assert.Equal("Fixture.Logging 1.1.0", Assert.Single(stable).Id + " " + stable[0].Version.ToNormalizedString());
        Assert.Equal("2.0.0-beta1", Assert.Single(withPrerelease).Version.ToNormalizedString());
        Assert.Empty(none);
        Assert.Contains(server.Counter.Requests, r => r.PathAndQuery.Contains("q=Tags%3A%22PSCommand_Write-FixtureLog%22", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_feed_without_search_answers_tag_searches_with_nothing()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path, search: false);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        Assert.Empty(await feed.SearchByTagAsync(LoggingTag, true, CancellationToken.None));
    }

    [Fact]
    public async Task Download_streams_the_package_with_its_sha512()
    {
        using var packages = Create();
        using var target = new TempFolder();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());
        var destination = target.Combine("sub", "logging.nupkg");

        var downloaded = await feed.DownloadAsync("Fixture.Logging", NuGetVersion.Parse("1.1.0"), destination, CancellationToken.None);

        Assert.Equal(PackageHash.ComputeSha512OfFile(destination), downloaded.Sha512);
        Assert.Equal(new FileInfo(destination).Length, downloaded.Length);
        Assert.Equal("fixture", downloaded.FeedName);
        Assert.Equal(1, server.Counter.ForPath("/v3/flat/fixture.logging/1.1.0/fixture.logging.1.1.0.nupkg"));
        Assert.Equal(["logging.nupkg"], Directory.GetFiles(target.Combine("sub")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Downloading_a_version_the_feed_lacks_is_PackageNotFound()
    {
        using var packages = Create();
        using var target = new TempFolder();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            feed.DownloadAsync("Fixture.Logging", NuGetVersion.Parse("7.0.0"), target.Combine("x.nupkg"), CancellationToken.None));

        Assert.Equal(ErrorCode.PackageNotFound, error.Code);
        Assert.Contains("Fixture.Logging 7.0.0", error.Message);
        Assert.Contains(server.BaseAddress, error.Message);
        Assert.Empty(Directory.GetFiles(target.Path));
    }

    [Fact]
    public async Task A_published_hash_that_differs_is_HashMismatch_and_nothing_is_written()
    {
        using var packages = Create();
        using var target = new TempFolder();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.PublishHashes = true;
        server.Faults.WrongHashes = true;
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());
        await feed.GetAllMetadataAsync("Fixture.Logging", CancellationToken.None);

        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            feed.DownloadAsync("Fixture.Logging", NuGetVersion.Parse("1.1.0"), target.Combine("x.nupkg"), CancellationToken.None));

        Assert.Equal(ErrorCode.HashMismatch, error.Code);
        Assert.Contains("Fixture.Logging 1.1.0", error.Message);
        Assert.Empty(Directory.GetFiles(target.Path));
    }
}
