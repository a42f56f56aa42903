using DepResolve.Engine.Feeds.Http;
using DepResolve.Engine.Feeds.NuGetV3;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Tests.Feeds;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using DepResolve.Testing.Servers;
using static DepResolve.Engine.Tests.Resolution.Resolve;

namespace DepResolve.Engine.Tests.Resolution;

/// <summary>
/// What one resolution may cost a feed: a static v3 feed (no registrations, one .nuspec per version) is asked for
/// the metadata of the versions the resolver considers, not of every version it lists; a feed that accepts and
/// never answers ends the resolution at its deadline, naming the URL that did not answer.
/// </summary>
public sealed class BoundedMetadataTests(BoundedMetadataTests.ManyVersions manyVersions) : IClassFixture<BoundedMetadataTests.ManyVersions>
{
    private const int ListedVersions = 2_000;

    /// <summary>Many 1.0.0 … 1.0.1999 (the newest needs Missing, which no feed has) and Leaf 1.0.0, built once for the class.</summary>
    public sealed class ManyVersions : IDisposable
    {
        private readonly TempFolder _folder = new("depresolve-bounded");

        public ManyVersions()
        {
            for (var i = 0; i < ListedVersions; i++)
            {
                var package = new PackageBuilder("Many", $"1.0.{i}").DependsOn("Leaf", "[1.0.0, )");
                if (i == ListedVersions - 1)
                {
                    package.DependsOn("Missing", "[1.0.0, )");
                }

                package.Build(_folder.Path);
            }

            new PackageBuilder("Leaf", "1.0.0").Build(_folder.Path);
        }

        public string Path => _folder.Path;

        public void Dispose() => _folder.Dispose();
    }

    [Theory]
    [InlineData(ResolutionPolicy.Highest, "Leaf 1.0.0, Many 1.0.1998")]
    [InlineData(ResolutionPolicy.Lowest, "Leaf 1.0.0, Many 1.0.0")]
    [InlineData(ResolutionPolicy.Minimal, "Leaf 1.0.0, Many 1.0.0")]
    public async Task A_static_feed_listing_thousands_of_versions_is_asked_for_the_considered_ones_only(ResolutionPolicy policy, string expected)
    {
        await using var server = await NuGetV3FeedServer.StartAsync(manyVersions.Path, RegistrationLayout.None);
        var feed = new NuGetV3Feed(HttpFeedTestPackages.Repository(server.ServiceIndexUrl), HttpFeedTestPackages.FastClient());

        var outcome = await With(feed, policy, Requirement("Many", "[1.0.0, )"));

        // Highest tries 1.0.1999 first, finds Missing nowhere and falls back to 1.0.1998: one more .nuspec, not 1,999.
        Assert.Equal(expected, Chosen(outcome));
        Assert.InRange(server.Counter.Matching(".nuspec"), 1, 4);
        Assert.InRange(server.Counter.Total, 4, 10);
    }

    [Fact]
    public async Task A_feed_that_accepts_and_never_answers_fails_at_the_resolution_deadline_naming_the_url()
    {
        using var packages = new TempFolder("depresolve-hung");
        new PackageBuilder("Leaf", "1.0.0").Build(packages.Path);
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.Latency = TimeSpan.FromHours(1);
        // The per-request bound and retries alone would wait 5 x 100 s.
        var http = new FeedHttpClient(new FeedHttpSettings { RequestTimeout = TimeSpan.FromSeconds(100), MaxRetries = 4 });
        var feed = new NuGetV3Feed(HttpFeedTestPackages.Repository(server.ServiceIndexUrl), http);
        var resolver = new DependencyResolver([feed], new ResolverOptions { Deadline = TimeSpan.FromSeconds(1) });

        // A hang guard for the test run, not a timing assertion.
        var outcome = await resolver.ResolveAsync(new ResolutionRequest { Requirements = [Requirement("Leaf", "1.0.0")] })
            .WaitAsync(TimeSpan.FromSeconds(90));

        Assert.False(outcome.Success);
        Assert.Equal(ErrorCode.Timeout, outcome.Error!.Code);
        Assert.Contains(server.ServiceIndexUrl, outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains("resolutionTimeout", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Equal(server.ServiceIndexUrl, outcome.Error.Target);
    }

    [Fact]
    public async Task Cancelling_a_resolution_is_still_a_cancellation_not_a_deadline_timeout()
    {
        using var packages = new TempFolder("depresolve-hung");
        new PackageBuilder("Leaf", "1.0.0").Build(packages.Path);
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        server.Faults.Latency = TimeSpan.FromHours(1);
        var feed = new NuGetV3Feed(HttpFeedTestPackages.Repository(server.ServiceIndexUrl), HttpFeedTestPackages.FastClient(TimeSpan.FromSeconds(100)));
        var resolver = new DependencyResolver([feed], new ResolverOptions { Deadline = TimeSpan.FromMinutes(10) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            resolver.ResolveAsync(new ResolutionRequest { Requirements = [Requirement("Leaf", "1.0.0")] }, cancel.Token).WaitAsync(TimeSpan.FromSeconds(90)));
    }
}
