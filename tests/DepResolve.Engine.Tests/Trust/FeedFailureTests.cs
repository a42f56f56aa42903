using DepResolve.Engine.Model;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Trust;

/// <summary>
/// One dead repository is not fatal: its failure is a warning naming it, resolution goes on with the feeds that
/// answer, and NetworkError (naming the URL) comes only when the package is nowhere and some feed could not be asked.
/// The dead feed is a real refused connection on 127.0.0.1:9.
/// </summary>
public sealed class FeedFailureTests
{
    private const string DeadFeed = "http://127.0.0.1:9/v3/index.json";

    [Fact]
    public async Task A_dead_repository_beside_a_good_one_is_a_warning_naming_it_and_the_install_goes_on()
    {
        using var sandbox = new FeedSandbox();
        var good = sandbox.FolderFeed("good", "Contoso.Deploy@1.0.0", "Contoso.Tools@1.0.0");
        sandbox.Config($$"""
            { "maxRetries": 0, "repositories": [
                { "name": "dead", "source": "{{DeadFeed}}", "priority": 1 },
                { "name": "good", "source": "{{SourceTrustTests.Json(good)}}", "priority": 2 } ] }
            """);
        using var session = sandbox.Session();

        var result = await sandbox.ResolveAsync(session, "Contoso.Deploy", "Contoso.Tools");

        Assert.True(result.Success, result.ErrorDetails);
        Assert.NotNull(result.EnvironmentId);
        Assert.All(result.ResolvedPackages, p => Assert.Equal("good", p.Source));
        // Asked once: the second id does not wait for the dead feed again.
        var warning = Assert.Single(sandbox.Warnings);
        Assert.StartsWith($"Feed dead ({DeadFeed}) could not be asked and is skipped for this resolution:", warning, StringComparison.Ordinal);
        Assert.Contains(warning, result.Warnings);
        Assert.Contains(sandbox.Verbose, l => l.StartsWith("Contoso.Deploy: taken from good (dead could not be asked)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_only_feed_is_NetworkError_naming_its_url()
    {
        using var sandbox = new FeedSandbox();
        sandbox.Config($$"""{ "maxRetries": 0, "repositories": [ { "name": "dead", "source": "{{DeadFeed}}" } ] }""");
        using var session = sandbox.Session();

        var result = await sandbox.ResolveAsync(session, "Contoso.Deploy");

        Assert.False(result.Success);
        Assert.Equal(ErrorCode.NetworkError, result.ErrorCode);
        Assert.Contains(DeadFeed, result.ErrorDetails, StringComparison.Ordinal);
        Assert.Contains("Contoso.Deploy could not be looked up", result.ErrorDetails, StringComparison.Ordinal);
        Assert.Contains(result.FailedPackages, f => f.Contains("127.0.0.1:9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_package_on_no_feed_that_answered_while_another_was_dead_is_NetworkError_not_PackageNotFound()
    {
        using var sandbox = new FeedSandbox();
        var good = sandbox.FolderFeed("good", "Contoso.Tools@1.0.0");
        sandbox.Config($$"""
            { "maxRetries": 0, "repositories": [
                { "name": "good", "source": "{{SourceTrustTests.Json(good)}}", "priority": 1 },
                { "name": "dead", "source": "{{DeadFeed}}", "priority": 2 } ] }
            """);
        using var session = sandbox.Session();

        var result = await sandbox.ResolveAsync(session, "Contoso.Deploy");

        Assert.False(result.Success);
        Assert.Equal(ErrorCode.NetworkError, result.ErrorCode);
        Assert.Contains("it is not on good, and dead (" + DeadFeed + ") could not be asked", result.ErrorDetails, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sandbox.CacheRoot, "envs")));
    }

    [Fact]
    public async Task A_feed_that_answers_500_for_every_request_is_skipped_for_the_next_feed_over_http()
    {
        using var sandbox = new FeedSandbox();
        var packages = sandbox.FolderFeed("served", "Contoso.Deploy@2.0.0");
        await using var broken = await NuGetV3FeedServer.StartAsync(packages);
        broken.Faults.FailAlways(500);
        var good = sandbox.FolderFeed("good", "Contoso.Deploy@1.0.0");
        sandbox.Config($$"""
            { "maxRetries": 0, "repositories": [
                { "name": "broken", "source": "{{broken.ServiceIndexUrl}}", "priority": 1 },
                { "name": "good", "source": "{{SourceTrustTests.Json(good)}}", "priority": 2 } ] }
            """);
        using var session = sandbox.Session();

        var result = await sandbox.ResolveAsync(session, "Contoso.Deploy");

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal("Contoso.Deploy 1.0.0 good", string.Join(",", result.ResolvedPackages.Select(p => $"{p.Id} {p.Version} {p.Source}")));
        Assert.Contains(sandbox.Warnings, w => w.StartsWith($"Feed broken ({broken.ServiceIndexUrl})", StringComparison.Ordinal) && w.Contains("500", StringComparison.Ordinal));
    }
}
