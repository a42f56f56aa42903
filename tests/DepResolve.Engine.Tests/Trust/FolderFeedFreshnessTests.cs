using DepResolve.Engine.Model;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Trust;

/// <summary>A folder feed is read afresh: a package published into it after a miss is seen by the next resolution.</summary>
public sealed class FolderFeedFreshnessTests
{
    [Fact]
    public async Task A_package_published_into_a_folder_feed_after_a_miss_is_found_by_the_next_resolution()
    {
        using var sandbox = new FeedSandbox();
        var folder = sandbox.FolderFeed("team", "Contoso.Tools@1.0.0");
        sandbox.Config($$"""{ "repositories": [ { "name": "team", "source": "{{SourceTrustTests.Json(folder)}}" } ] }""");
        using var session = sandbox.Session();

        var miss = await sandbox.ResolveAsync(session, "Contoso.Deploy");
        Assert.Equal(ErrorCode.PackageNotFound, miss.ErrorCode);

        new PackageBuilder("Contoso.Deploy", "1.0.0").AsModule(functions: ["Invoke-Deploy"]).WithTags("PSModule").Build(folder);
        var sameSession = await sandbox.ResolveAsync(session, "Contoso.Deploy");
        using var nextSession = sandbox.Session();
        var nextRun = await sandbox.ResolveAsync(nextSession, "Contoso.Deploy");

        Assert.True(sameSession.Success, sameSession.ErrorDetails);
        Assert.True(nextRun.Success, nextRun.ErrorDetails);
        Assert.Equal("Contoso.Deploy 1.0.0", string.Join(",", nextRun.ResolvedPackages.Select(p => $"{p.Id} {p.Version}")));
        Assert.False(Directory.Exists(Path.Combine(sandbox.CacheRoot, "metadata")) && Directory.EnumerateFiles(Path.Combine(sandbox.CacheRoot, "metadata"), "*", SearchOption.AllDirectories).Any());
    }
}
