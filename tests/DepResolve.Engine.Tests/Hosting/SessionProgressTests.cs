using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Feeds;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>What the progress bar of a cold resolve says, phase by phase, against a real v3 feed on loopback.</summary>
public sealed class SessionProgressTests
{
    [Fact]
    public async Task A_cold_resolve_names_each_phase_with_its_counts_and_ends_done()
    {
        using var packages = HttpFeedTestPackages.Create();
        await using var server = await NuGetV3FeedServer.StartAsync(packages.Path);
        using var temp = new TempFolder();
        var reports = new List<ProgressReport>();
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [server.ServiceIndexUrl] },
            new SessionCallbacks { Progress = report => { lock (reports) { reports.Add(report); } } });
        var logging = new ScriptDependency { Name = "Fixture.Logging", Kind = DependencyKind.Module, Evidence = DependencyEvidence.Requires, VersionRange = "[1.0.0, )", Path = "log.ps1", Line = 1 };

        var result = await session.ResolveAsync([logging], new ResolveRequest { ScriptPath = temp.Combine("log.ps1") }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        var statuses = reports.Select(r => r.Status).ToList();
        Assert.All(reports, r => Assert.Equal(1, r.ActivityId));
        Assert.Equal("Mapping dependencies to packages", statuses[0]);

        var metadata = statuses.Where(s => s.StartsWith("Package metadata: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(metadata);
        // Two ids were asked for (Fixture.Logging, then Fixture.Core); the last count has every request answered.
        Assert.Equal("Package metadata: 2 of 2 requests answered", metadata[^1]);

        var packagesReady = statuses.Where(s => s.StartsWith("Packages: ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("Packages: 2 of 2 in the store, 2 downloaded (", packagesReady[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("(0 B)", packagesReady[^1], StringComparison.Ordinal);
        Assert.Contains("Creating the environment of 2 packages", statuses);

        Assert.True(statuses.IndexOf(metadata[^1]) < statuses.IndexOf(packagesReady[^1]), string.Join(" | ", statuses));
        Assert.True(statuses.IndexOf(packagesReady[^1]) < statuses.IndexOf("Creating the environment of 2 packages"), string.Join(" | ", statuses));
        Assert.Equal("Done", statuses[^1]);
        Assert.True(reports[^1].Completed);
        Assert.Single(reports, r => r.Completed);
    }
}
