using DepResolve.Engine.Feeds.NuGetV2;
using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing.Servers;
using NuGet.Frameworks;
using NuGet.Versioning;
using static DepResolve.Engine.Tests.Feeds.HttpFeedTestPackages;

namespace DepResolve.Engine.Tests.Feeds;

public sealed class NuGetV2FeedTests
{
    [Fact]
    public async Task FindPackagesById_pages_are_followed_to_the_end()
    {
        using var packages = Create();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path, pageSize: 2);
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var all = await feed.GetAllMetadataAsync("fixture.logging", CancellationToken.None);

        Assert.Equal(["1.0.0", "1.1.0", "2.0.0-beta1"], all.Select(m => m.Version.ToNormalizedString()));
        Assert.Equal(2, server.Counter.ForPath("/api/v2/FindPackagesById()"));
        Assert.All(all, m => Assert.Equal("Fixture.Logging", m.Id));
    }

    [Fact]
    public async Task Entry_properties_are_read_dependencies_hash_size_tags_and_listing()
    {
        using var packages = Create();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        server.Unlist("Fixture.Logging", "1.0.0");
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var all = await feed.GetAllMetadataAsync("Fixture.Logging", CancellationToken.None);
        var versions = await feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None);

        var file = Directory.GetFiles(packages.Path, "Fixture.Logging.1.1.0.nupkg").Single();
        Assert.Equal(PackageHash.ComputeSha512OfFile(file), all[1].PublishedSha512);
        Assert.Equal(new FileInfo(file).Length, all[1].PackageSize);
        Assert.Equal("Fixture.Core", Assert.Single(all[1].DependencyGroups.SelectMany(g => g.Dependencies)).Id);
        Assert.Contains(LoggingTag, all[1].Tags);
        Assert.Equal("Logging for fixtures", all[1].Description);
        Assert.Equal([false, true, true], versions.Select(v => v.IsListed));
        // Two pages for the metadata; the version list came from what was already read.
        Assert.Equal(2, server.Counter.ForPath("/api/v2/FindPackagesById()"));
    }

    [Theory]
    [InlineData("Az.Accounts:[2.7.5, ):|Az.Storage::", "Az.Accounts [2.7.5, ) any; Az.Storage (, ) any")]
    [InlineData("A:[1.0.0, 2.0.0):net8.0|B:1.5:net8.0|C::netstandard2.0", "A [1.0.0, 2.0.0) net8.0; B [1.5.0, ) net8.0; C (, ) netstandard2.0")]
    [InlineData("::net472|D:[3.0]:", "D [3.0.0, 3.0.0] any")]
    [InlineData("", "")]
    public void The_dependencies_property_is_read_as_NuGet_reads_it(string text, string expected)
    {
        var groups = ODataPackageEntry.ReadDependencies(text, "X 1.0.0", "http://feed");

        var shown = string.Join("; ", groups.SelectMany(g => g.Dependencies.Select(d =>
            $"{d.Id} {d.Range.ToNormalizedString()} {(g.TargetFramework.Equals(NuGetFramework.AnyFramework) ? "any" : g.TargetFramework.GetShortFolderName())}")));
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void A_malformed_range_in_the_dependencies_property_is_InvalidPackage_naming_the_url()
    {
        var error = Assert.Throws<DepResolveException>(() => ODataPackageEntry.ReadDependencies("A:[1.0,,:", "X 1.0.0", "http://feed/api/v2/x"));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Contains("http://feed/api/v2/x", error.Message);
        Assert.Contains("'A'", error.Message);
    }

    [Fact]
    public async Task One_version_comes_from_Packages_with_id_and_version()
    {
        using var packages = Create();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var one = await feed.GetMetadataAsync("Fixture.Core", NuGetVersion.Parse("1.2.0"), CancellationToken.None);
        var missing = await feed.GetMetadataAsync("Fixture.Core", NuGetVersion.Parse("5.0.0"), CancellationToken.None);

        Assert.Equal("Fixture.Core", one!.Id);
        Assert.Equal("1.2.0", one.Version.ToNormalizedString());
        Assert.Null(missing);
        Assert.Equal(1, server.Counter.Matching("Packages(Id='Fixture.Core',Version='1.2.0')"));
    }

    [Fact]
    public async Task Tag_search_asks_for_the_gallery_tag_term_and_keeps_exact_matches()
    {
        using var packages = Create();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var stable = await feed.SearchByTagAsync(LoggingTag, includePrerelease: false, CancellationToken.None);
        var prerelease = await feed.SearchByTagAsync(LoggingTag, includePrerelease: true, CancellationToken.None);

        Assert.Equal("1.1.0", Assert.Single(stable).Version.ToNormalizedString());
        Assert.Equal("2.0.0-beta1", Assert.Single(prerelease).Version.ToNormalizedString());
        Assert.Contains(server.Counter.Requests, r => Uri.UnescapeDataString(r.PathAndQuery).Contains("searchTerm='tag:PSCommand_Write-FixtureLog'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Download_follows_the_redirect_and_checks_the_published_hash()
    {
        using var packages = Create();
        using var target = new TempFolder();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var downloaded = await feed.DownloadAsync("Fixture.Core", NuGetVersion.Parse("1.0.0"), target.Combine("core.nupkg"), CancellationToken.None);

        Assert.Equal(PackageHash.ComputeSha512OfFile(target.Combine("core.nupkg")), downloaded.Sha512);
        Assert.Equal(1, server.Counter.ForPath("/api/v2/package/Fixture.Core/1.0.0"));
        Assert.Equal(1, server.Counter.ForPath("/files/fixture.core.1.0.0.nupkg"));
    }

    [Fact]
    public async Task A_wrong_published_hash_is_HashMismatch_and_nothing_is_written()
    {
        using var packages = Create();
        using var target = new TempFolder();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        server.Faults.WrongHashes = true;
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            feed.DownloadAsync("Fixture.Core", NuGetVersion.Parse("1.0.0"), target.Combine("core.nupkg"), CancellationToken.None));

        Assert.Equal(ErrorCode.HashMismatch, error.Code);
        Assert.Contains("Fixture.Core 1.0.0", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target.Path));
    }
}
