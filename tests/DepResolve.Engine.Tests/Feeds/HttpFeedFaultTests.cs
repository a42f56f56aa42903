using DepResolve.Engine.Feeds.NuGetV2;
using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing.Servers;
using NuGet.Versioning;
using static DepResolve.Engine.Tests.Feeds.HttpFeedTestPackages;

namespace DepResolve.Engine.Tests.Feeds;

/// <summary>The feed fault cases: each ends in a clear error code naming the URL, or in a counted recovery.</summary>
public sealed class HttpFeedFaultTests
{
    private const string FlatIndex = "/v3/flat/fixture.logging/index.json";

    [Fact]
    public async Task Two_503s_then_success_take_three_requests()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.FailNext(2, 503, pathContains: FlatIndex);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var versions = await feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None);

        Assert.Equal(3, versions.Count);
        Assert.Equal(3, server.Counter.ForPath(FlatIndex));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_before_the_retry()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.FailNext(1, 429, retryAfter: TimeSpan.FromSeconds(1), pathContains: FlatIndex);
        var log = new List<string>();
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient(log: log));

        await feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None);

        var attempts = server.Counter.Requests.Where(r => r.Path == FlatIndex).ToArray();
        Assert.Equal(2, attempts.Length);
        // The backoff alone would wait milliseconds; the server asked for a second.
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromMilliseconds(900));
        Assert.Contains(log, line => line.Contains("429", StringComparison.Ordinal) && line.Contains("Retry-After 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_persistent_500_is_NetworkError_naming_the_url_after_every_retry()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.FailAlways(500, pathContains: FlatIndex);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient(maxRetries: 3));

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None));

        Assert.Equal(ErrorCode.NetworkError, error.Code);
        Assert.Contains(server.BaseAddress + FlatIndex, error.Message);
        Assert.Contains("500", error.Message);
        Assert.Equal(4, server.Counter.ForPath(FlatIndex));
    }

    [Fact]
    public async Task A_connection_reset_is_retried()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.ResetNext(1, pathContains: FlatIndex);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var versions = await feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None);

        Assert.Equal(3, versions.Count);
        Assert.Equal(2, server.Counter.ForPath(FlatIndex));
    }

    [Fact]
    public async Task Connections_reset_every_time_end_as_NetworkError_naming_the_url()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.ResetNext(int.MaxValue, pathContains: FlatIndex);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient(maxRetries: 2));

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None));

        Assert.Equal(ErrorCode.NetworkError, error.Code);
        Assert.Contains(server.BaseAddress + FlatIndex, error.Message);
        Assert.Equal(3, server.Counter.ForPath(FlatIndex));
    }

    [Fact]
    public async Task A_truncated_metadata_body_is_retried()
    {
        using var packages = Create();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        server.Faults.TruncateNext(1, pathContains: "FindPackagesById");
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var all = await feed.GetAllMetadataAsync("Fixture.Logging", CancellationToken.None);

        Assert.Equal(3, all.Count);
        Assert.Equal(3, server.Counter.ForPath("/api/v2/FindPackagesById()"));
    }

    [Fact]
    public async Task A_truncated_download_is_retried_and_leaves_no_partial_file()
    {
        using var packages = Create();
        using var target = new TempFolder();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.TruncateNext(1, pathContains: ".nupkg");
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var downloaded = await feed.DownloadAsync("Fixture.Core", NuGetVersion.Parse("1.2.0"), target.Combine("core.nupkg"), CancellationToken.None);

        Assert.Equal(FixturePackage.Load(target.Combine("core.nupkg")).Sha512, downloaded.Sha512);
        Assert.Equal(2, server.Counter.Matching(".nupkg"));
        Assert.Equal(["core.nupkg"], Directory.GetFileSystemEntries(target.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Truncated_downloads_every_time_end_as_NetworkError_and_nothing_is_written()
    {
        using var packages = Create();
        using var target = new TempFolder();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.TruncateNext(int.MaxValue, pathContains: ".nupkg");
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient(maxRetries: 1));

        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            feed.DownloadAsync("Fixture.Core", NuGetVersion.Parse("1.2.0"), target.Combine("core.nupkg"), CancellationToken.None));

        Assert.Equal(ErrorCode.NetworkError, error.Code);
        Assert.Contains("fixture.core.1.2.0.nupkg", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target.Path));
    }

    [Fact]
    public async Task Invalid_json_is_InvalidPackage_naming_the_url_and_is_not_retried()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());
        await feed.ListVersionsAsync("Fixture.Core", CancellationToken.None);
        server.Faults.InvalidBodies = true;

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Contains(server.BaseAddress + FlatIndex, error.Message);
        Assert.Contains("JSON", error.Message);
        Assert.Equal(1, server.Counter.ForPath(FlatIndex));
    }

    [Fact]
    public async Task Invalid_xml_is_InvalidPackage_naming_the_url()
    {
        using var packages = Create();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        server.Faults.InvalidBodies = true;
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.GetAllMetadataAsync("Fixture.Logging", CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Contains(server.FeedUrl + "/FindPackagesById()", error.Message);
        Assert.Contains("XML", error.Message);
    }

    [Fact]
    public async Task An_html_page_where_json_was_expected_is_InvalidPackage()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.HtmlContentType = true;
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Contains("text/html", error.Message);
        Assert.Contains(server.ServiceIndexUrl, error.Message);
    }

    [Fact]
    public async Task An_html_page_instead_of_a_package_is_InvalidPackage_and_nothing_is_written()
    {
        using var packages = Create();
        using var target = new TempFolder();
        await using var server = await NuGetV2FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV2Feed(Repository(server.FeedUrl), FastClient());
        await feed.GetAllMetadataAsync("Fixture.Core", CancellationToken.None);
        server.Faults.HtmlContentType = true;

        var error = await Assert.ThrowsAsync<DepResolveException>(() =>
            feed.DownloadAsync("Fixture.Core", NuGetVersion.Parse("1.0.0"), target.Combine("core.nupkg"), CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Empty(Directory.GetFileSystemEntries(target.Path));
    }

    [Fact]
    public async Task An_endless_response_is_abandoned_at_the_size_cap()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient(maxMetadataBytes: 1 << 20));
        await feed.ListVersionsAsync("Fixture.Core", CancellationToken.None);
        server.Faults.EndlessBodies = true;

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Contains("more than 1,048,576 bytes", error.Message);
        Assert.Contains(server.BaseAddress + FlatIndex, error.Message);
        Assert.Equal(1, server.Counter.ForPath(FlatIndex));
    }

    [Fact]
    public async Task A_server_slower_than_the_request_timeout_is_Timeout_after_the_retries()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.Latency = TimeSpan.FromSeconds(3);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient(requestTimeout: TimeSpan.FromMilliseconds(200), maxRetries: 1));

        var error = await Assert.ThrowsAsync<DepResolveException>(() => feed.ListVersionsAsync("Fixture.Logging", CancellationToken.None));

        Assert.Equal(ErrorCode.Timeout, error.Code);
        Assert.Contains(server.ServiceIndexUrl, error.Message);
        Assert.Equal(2, server.Counter.ForPath("/v3/index.json"));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_retried_and_surfaces_as_OperationCanceledException()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.Latency = TimeSpan.FromSeconds(3);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient());
        using var cancellation = new CancellationTokenSource();

        // Cancelled once the first request is at the server (where the latency holds it), however long it took to get there.
        var listing = feed.ListVersionsAsync("Fixture.Logging", cancellation.Token);
        for (var waited = 0; server.Counter.Total == 0 && !listing.IsCompleted && waited < 30_000; waited += 10)
        {
            await Task.Delay(10);
        }

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);

        Assert.Equal(1, server.Counter.Total);
    }

    [Fact]
    public async Task Identical_concurrent_requests_share_one_request()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var http = FastClient();
        var feeds = Enumerable.Range(0, 20).Select(_ => new NuGetV3Feed(Repository(server.ServiceIndexUrl), http)).ToArray();
        server.Faults.Latency = TimeSpan.FromMilliseconds(300);

        var answers = await Task.WhenAll(feeds.Select(f => f.ListVersionsAsync("Fixture.Logging", CancellationToken.None)));

        Assert.All(answers, a => Assert.Equal(3, a.Count));
        Assert.Equal(1, server.Counter.ForPath("/v3/index.json"));
        Assert.Equal(1, server.Counter.ForPath(FlatIndex));
    }

    [Fact]
    public async Task One_caller_cancelling_does_not_cancel_a_shared_request_for_the_others()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var http = FastClient();
        server.Faults.Latency = TimeSpan.FromMilliseconds(400);
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var cancelled = new NuGetV3Feed(Repository(server.ServiceIndexUrl), http).ListVersionsAsync("Fixture.Logging", impatient.Token);
        var patient = new NuGetV3Feed(Repository(server.ServiceIndexUrl), http).ListVersionsAsync("Fixture.Logging", CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(3, (await patient).Count);
        Assert.Equal(1, server.Counter.ForPath("/v3/index.json"));
    }

    [Fact]
    public async Task Concurrent_requests_stay_within_MaxParallelism()
    {
        using var packages = Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        var feed = new NuGetV3Feed(Repository(server.ServiceIndexUrl), FastClient(maxParallelism: 2));
        await feed.ListVersionsAsync("Fixture.Core", CancellationToken.None);
        server.Faults.Latency = TimeSpan.FromMilliseconds(100);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => feed.ListVersionsAsync($"Some.Package{i}", CancellationToken.None)));

        Assert.Equal(10, server.Counter.Total);
        Assert.Equal(2, server.Counter.MaxConcurrent);
    }
}
