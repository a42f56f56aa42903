using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>Resolve-ScriptDependency's engine path end to end: a real folder feed, a real cache, real installs.</summary>
public sealed class SessionResolveTests
{
    private static readonly ScriptDependency RequiresGreeting = DemoFeed.RequiresGreeting("hello.ps1");

    [Fact]
    public async Task ResolvesAndInstallsTheClosureIntoAnEnvironment()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var verbose = new List<string>();
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] },
            new SessionCallbacks { Verbose = verbose.Add });

        var result = await session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = temp.Combine("hello.ps1") }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Demo.Greeting 1.1.0", "Demo.Text 2.0.0"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.NotNull(result.EnvironmentId);
        Assert.Equal(result.EnvironmentId, Assert.Single(session.GetEnvironments()).Id);
        var modulePath = result.ModulePath!.Split(Path.PathSeparator);
        Assert.Contains(modulePath, p => Directory.Exists(Path.Combine(p, "Demo.Greeting")));
        Assert.Contains(verbose, line => line.Contains("Demo.Greeting", StringComparison.Ordinal));
        // Mapping works on copies: the caller's dependency is as it was given.
        Assert.Null(RequiresGreeting.MappedPackage);
        Assert.Null(RequiresGreeting.MappingReason);
    }

    [Fact]
    public async Task ADeclinedInstallIsApprovalDeclinedNamingThePackagesWritesNothingAndKeepsThePlan()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var asked = new List<InstallApproval>();
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] },
            new SessionCallbacks { ApproveInstall = approval => { asked.Add(approval); return false; } });

        var result = await session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = temp.Combine("hello.ps1") }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ErrorCode.ApprovalDeclined, result.ErrorCode);
        Assert.Equal(["Demo.Greeting 1.1.0", "Demo.Text 2.0.0"], result.FailedPackages);
        Assert.Contains("Demo.Greeting 1.1.0", result.ErrorDetails, StringComparison.Ordinal);
        Assert.Equal(["Demo.Greeting 1.1.0", "Demo.Text 2.0.0"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.Null(result.EnvironmentId);
        Assert.Equal(["Demo.Greeting", "Demo.Text"], asked.Select(a => a.PackageId));
        Assert.All(asked, a => Assert.StartsWith(temp.Combine("cache"), a.TargetFolder, StringComparison.Ordinal));
        Assert.False(File.Exists(temp.Combine("depresolve.lock.json")));
        Assert.False(Directory.Exists(temp.Combine("cache", "store")));
        Assert.False(Directory.Exists(temp.Combine("cache", "envs")));
    }

    [Fact]
    public async Task ADryRunCreatesNoCacheAtAllButStillShowsThePlan()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var asked = new List<InstallApproval>();
        using var session = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed], DryRun = true },
            new SessionCallbacks { ApproveInstall = approval => { asked.Add(approval); return true; } });

        var result = await session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = temp.Combine("hello.ps1"), UpdateLock = true }, CancellationToken.None);

        Assert.True(result.Success);
        Assert.Equal(2, asked.Count);
        Assert.Null(result.EnvironmentId);
        Assert.False(Directory.Exists(temp.Combine("cache")));
        Assert.False(File.Exists(temp.Combine("depresolve.lock.json")));
    }

    [Fact]
    public async Task AMissingPackageFailsWithPackageNotFoundNamingIt()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] });
        var missing = new ScriptDependency { Name = "Demo.Missing", Kind = DependencyKind.Module, Evidence = DependencyEvidence.Requires, VersionRange = "[1.0.0, )" };

        var result = await session.ResolveAsync([missing], new ResolveRequest(), CancellationToken.None);

        Assert.False(result.Success);
        Assert.NotNull(result.ErrorCode);
        Assert.Contains("Demo.Missing", result.ErrorDetails, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableFeedIsANetworkErrorNamingTheUrl()
    {
        using var temp = new TempFolder();
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = ["http://127.0.0.1:9/v3/index.json"] });

        // The engine may fail the call or return a failed result; either way the code and the URL are reported.
        string message;
        try
        {
            var result = await session.ResolveAsync([RequiresGreeting], new ResolveRequest(), CancellationToken.None);
            Assert.False(result.Success);
            message = $"{result.ErrorCode} {result.ErrorDetails}";
        }
        catch (DepResolveException error)
        {
            message = $"{error.Code} {error.Message}";
        }

        Assert.Contains("127.0.0.1:9", message, StringComparison.Ordinal);
        Assert.StartsWith(nameof(ErrorCode.NetworkError), message, StringComparison.Ordinal);
    }

    private static string BuildFeed(TempFolder temp) => DemoFeed.Build(temp);
}
