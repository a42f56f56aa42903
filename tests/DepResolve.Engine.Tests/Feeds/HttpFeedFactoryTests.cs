using DepResolve.Engine.Configuration;
using DepResolve.Engine.Feeds;
using DepResolve.Engine.Feeds.NuGetV2;
using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Feeds;

public sealed class HttpFeedFactoryTests
{
    [Theory]
    [InlineData("https://api.nuget.org/v3/index.json", nameof(RepositoryKind.NuGetV3))]
    [InlineData("https://pkgs.dev.azure.com/org/_packaging/feed/nuget/v3/INDEX.JSON", nameof(RepositoryKind.NuGetV3))]
    [InlineData("https://www.powershellgallery.com/api/v2", nameof(RepositoryKind.NuGetV2))]
    [InlineData("http://127.0.0.1:5000/api/v2/", nameof(RepositoryKind.NuGetV2))]
    [InlineData("/srv/feeds/modules", nameof(RepositoryKind.LocalFolder))]
    [InlineData("feeds/modules", nameof(RepositoryKind.LocalFolder))]
    [InlineData("file:///srv/feeds/modules", nameof(RepositoryKind.LocalFolder))]
    public void The_kind_follows_from_the_source(string source, string expected) =>
        Assert.Equal(expected, FeedFactory.DetectKind(source).ToString());

    [Fact]
    public void An_unsupported_scheme_is_InvalidInput() =>
        Assert.Equal(ErrorCode.InvalidInput, Assert.Throws<DepResolveException>(() => FeedFactory.DetectKind("ftp://feeds.example/x")).Code);

    [Fact]
    public void Feeds_are_built_by_kind_share_one_http_client_and_come_in_priority_order()
    {
        using var folder = new TempFolder();
        var factory = new FeedFactory(new DepResolveOptions { MaxParallelism = 3 });

        var feeds = factory.CreateAll(
        [
            new RepositorySettings { Name = "gallery", Source = RepositorySources.PowerShellGalleryUrl, Priority = 50 },
            new RepositorySettings { Name = "forced", Source = "https://static.example/feed", Kind = RepositoryKind.NuGetV3, Priority = 50 },
            new RepositorySettings { Name = "folder", Source = folder.Path, Priority = 1 },
        ]);

        Assert.Equal(["folder", "gallery", "forced"], feeds.Select(f => f.Name));
        Assert.IsType<LocalFolderFeed>(feeds[0]);
        Assert.IsType<NuGetV2Feed>(feeds[1]);
        Assert.IsType<NuGetV3Feed>(feeds[2]);
        Assert.Equal(3, factory.Http.Settings.MaxParallelism);
    }
}
