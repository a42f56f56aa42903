using DepResolve.Engine.Feeds.NuGetV2;
using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Model;
using DepResolve.Testing.Servers;
using static DepResolve.Engine.Tests.Feeds.HttpFeedTestPackages;

namespace DepResolve.Engine.Tests.Feeds;

public sealed class HttpFeedCredentialTests
{
    private const string Secret = "s3cret-Pa55";

    [Fact]
    public async Task Basic_credentials_are_sent_to_a_feed_that_requires_them()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.RequiredBasic = ("reader", Secret);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl, "reader", Secret), FastClient());

        var versions = await feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None);

        Assert.Equal(3, versions.Count);
        Assert.All(server.Counter.Requests, r => Assert.StartsWith("Basic ", r.Authorization));
    }

    [Fact]
    public async Task An_api_key_is_sent_as_X_NuGet_ApiKey()
    {
        using var packages = Create();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        server.Faults.RequiredApiKey = Secret;
        var feed = new NuGetV2Feed(Repository(server.FeedUrl, apiKey: Secret), FastClient());

        var all = await feed.GetAllMetadataAsync("Fixture.Core", CancellationToken.None);

        Assert.Equal(2, all.Count);
        Assert.All(server.Counter.Requests, r => Assert.Equal(Secret, r.ApiKey));
    }

    [Fact]
    public async Task Refused_credentials_are_NetworkError_without_the_secret_and_without_retries()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.RequiredBasic = ("reader", "the-right-one");
        var log = new List<string>();
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl, "reader", Secret), FastClient(log: log));

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None));

        Assert.Equal(ErrorCode.NetworkError, error.Code);
        Assert.Contains("401", error.Message);
        Assert.Contains("refused the basic credentials", error.Message);
        Assert.Contains(server.ServiceIndexUrl, error.Message);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.DoesNotContain(log, line => line.Contains(Secret, StringComparison.Ordinal));
        Assert.Equal(1, server.Counter.Total);
    }

    [Fact]
    public async Task Credentials_written_into_the_url_are_sent_as_a_header_and_never_shown()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.RequiredBasic = ("reader", Secret);
        var url = server.ServiceIndexUrl.Replace("http://", $"http://reader:{Secret}@", StringComparison.Ordinal);
        var log = new List<string>();
        var feed = new NuGetV3Feed(Repository(url), FastClient(maxRetries: 1, log: log));

        Assert.Equal(3, (await feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None)).Count);
        server.Faults.FailAlways(500);
        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("Fixture.Core", CancellationToken.None));

        Assert.DoesNotContain(Secret, feed.Source);
        Assert.DoesNotContain(Secret, error.ToString());
        Assert.DoesNotContain(Secret, error.Target ?? "");
        Assert.DoesNotContain(log, line => line.Contains(Secret, StringComparison.Ordinal));
        Assert.Contains("/v3/flat/fixture.core/index.json", error.Message);
    }

    [Fact]
    public async Task A_feed_that_needs_credentials_says_so_when_none_are_configured()
    {
        using var packages = Create();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        server.Faults.RequiredApiKey = Secret;
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.GetAllMetadataAsync("Fixture.Core", CancellationToken.None));

        Assert.Equal(ErrorCode.NetworkError, error.Code);
        Assert.Contains("needs credentials", error.Message);
    }
}
