using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// depresolve.json next to (or above) the script takes effect through the session facade the cmdlets call, and
/// parameters win over it: real config files, a real folder feed, a real cache.
/// </summary>
public sealed class SessionConfigurationTests
{
    private static readonly ScriptDependency RequiresGreeting = DemoFeed.RequiresGreeting("deploy.ps1");

    [Fact]
    public async Task ADenyListInTheConfigRefusesThePackageNamingItAndTheRule()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var script = WriteConfig(temp, """{ "denyList": [ "Demo.T*" ] }""");
        using var session = NewSession(temp, feed);

        var error = await Assert.ThrowsAsync<DepResolveException>(() => session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None));

        Assert.Equal(ErrorCode.DeniedByPolicy, error.Code);
        Assert.Contains("Demo.Text 2.0.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("deny list entry 'Demo.T*'", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.GetEnvironments());
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(script)!, "depresolve.lock.json")));
    }

    [Fact]
    public async Task AnAllowListInTheConfigLetsOnlyItsPackagesInstall()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var script = WriteConfig(temp, """{ "allowList": [ "Demo.Greeting" ] }""");
        using (var session = NewSession(temp, feed))
        {
            var error = await Assert.ThrowsAsync<DepResolveException>(() => session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None));

            Assert.Equal(ErrorCode.DeniedByPolicy, error.Code);
            Assert.Contains("Demo.Text 2.0.0", error.Message, StringComparison.Ordinal);
            Assert.Contains("not on the allow list (Demo.Greeting)", error.Message, StringComparison.Ordinal);
        }

        WriteConfig(temp, """{ "allowList": [ "Demo.*" ] }""");
        using (var session = NewSession(temp, feed))
        {
            var result = await session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

            Assert.True(result.Success, result.ErrorDetails);
            Assert.NotNull(result.EnvironmentId);
        }
    }

    [Fact]
    public async Task ACommandMappingInTheConfigWinsOverTheFeedsTagSearch()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        new PackageBuilder("Contoso.Greetings", "1.0.0").AsModule(functions: ["Get-ContosoGreeting"]).WithTags("PSModule").Build(feed);
        var usesCommand = new ScriptDependency { Name = "Get-Greeting", Kind = DependencyKind.Module, Evidence = DependencyEvidence.CommandUsage, Path = "deploy.ps1", Line = 3 };
        var script = WriteConfig(temp, "{}");
        var request = new ResolveRequest { ScriptPath = script, NoInstall = true };

        using (var session = NewSession(temp, feed))
        {
            var byTag = await session.ResolveAsync([usesCommand], request, CancellationToken.None);
            Assert.Equal(["Demo.Greeting", "Demo.Text"], byTag.ResolvedPackages.Select(p => p.Id));
        }

        WriteConfig(temp, """{ "commandMappings": { "Get-Greeting": "Contoso.Greetings" } }""");
        using (var session = NewSession(temp, feed))
        {
            var mapped = await session.ResolveAsync([usesCommand], request, CancellationToken.None);

            Assert.True(mapped.Success, mapped.ErrorDetails);
            Assert.Equal(["Contoso.Greetings 1.0.0"], mapped.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        }
    }

    [Fact]
    public async Task ThePolicyParameterOverridesTheConfiguredPolicy()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var script = WriteConfig(temp, """{ "policy": "Lowest" }""");
        var request = new ResolveRequest { ScriptPath = script, NoInstall = true };

        using (var configured = NewSession(temp, feed))
        {
            var result = await configured.ResolveAsync([RequiresGreeting], request, CancellationToken.None);
            Assert.Equal(nameof(ResolutionPolicy.Lowest), result.Policy);
            Assert.Equal(["Demo.Greeting 1.0.0", "Demo.Text 1.0.0"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        }

        using var overridden = NewSession(temp, feed, policy: "Highest");
        var highest = await overridden.ResolveAsync([RequiresGreeting], request, CancellationToken.None);

        Assert.Equal(nameof(ResolutionPolicy.Highest), highest.Policy);
        Assert.Equal(["Demo.Greeting 1.1.0", "Demo.Text 2.0.0"], highest.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
    }

    [Fact]
    public async Task TheConfiguredCacheRootIsWhereTheSessionInstalls()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var script = WriteConfig(temp, """{ "cacheRoot": "configured-cache" }""");
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = Path.GetDirectoryName(script), Repositories = [feed] });

        var result = await session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(temp.Combine("scripts", "configured-cache"), session.CacheRoot);
        Assert.StartsWith(temp.Combine("scripts", "configured-cache"), result.EnvironmentPath, StringComparison.Ordinal);
        Assert.Equal(result.EnvironmentId, Assert.Single(session.GetEnvironments()).Id);
    }

    [Fact]
    public async Task OfflineInTheConfigStaysOnWithoutTheSwitchAndFailsNamingWhatIsMissing()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var script = WriteConfig(temp, """{ "offline": true }""");
        using var session = NewSession(temp, feed);

        var outcome = await CodeOfAsync(() => session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None));

        Assert.Equal(ErrorCode.PackageNotFound, outcome.Code);
        Assert.Contains("Demo.Greeting", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(session.GetEnvironments());
    }

    [Fact]
    public async Task RequireApprovalInTheConfigAsksForEveryDownloadAndRefusesWhenNobodyCanAnswer()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var script = WriteConfig(temp, """{ "requireApproval": true }""");
        using (var unattended = NewSession(temp, feed))
        {
            var error = await Assert.ThrowsAsync<DepResolveException>(() => unattended.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None));

            Assert.Equal(ErrorCode.ApprovalDeclined, error.Code);
            Assert.Contains("Demo.Greeting 1.1.0", error.Message, StringComparison.Ordinal);
            Assert.Empty(unattended.GetEnvironments());
        }

        var asked = new List<InstallApproval>();
        using var attended = new DepResolveSession(
            new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed], InstallsPreApproved = true },
            new SessionCallbacks { ApproveInstall = approval => { lock (asked) { asked.Add(approval); } return true; } });
        var result = await attended.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.NotNull(result.EnvironmentId);
        Assert.Equal(["Demo.Greeting", "Demo.Text"], asked.Select(a => a.PackageId));
        Assert.All(asked, a => Assert.True(a.ApprovalRequired));
    }

    [Fact]
    public async Task DryRunInTheConfigPlansAndWritesNothing()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var script = WriteConfig(temp, """{ "dryRun": true }""");
        using var session = NewSession(temp, feed);

        var result = await session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Null(result.EnvironmentId);
        Assert.Contains(result.Warnings, w => w.StartsWith("Dry run: would install Demo.Greeting 1.1.0", StringComparison.Ordinal));
        Assert.False(Directory.Exists(temp.Combine("cache")));
        Assert.False(File.Exists(temp.Combine("scripts", "depresolve.lock.json")));
    }

    [Fact]
    public async Task AMalformedConfigIsInvalidInputNamingTheFile()
    {
        using var temp = new TempFolder();
        var feed = BuildFeed(temp);
        var script = WriteConfig(temp, """{ "policy": "Highest", """);
        using var session = NewSession(temp, feed);

        var error = await Assert.ThrowsAsync<DepResolveException>(() => session.ResolveAsync([RequiresGreeting], new ResolveRequest { ScriptPath = script }, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(temp.Combine("scripts", "depresolve.json"), error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("cache")));
    }

    /// <summary>The failure either as a failed result or as an exception: its code and message.</summary>
    private static async Task<(ErrorCode? Code, string Message)> CodeOfAsync(Func<Task<ResolutionResult>> resolve)
    {
        try
        {
            var result = await resolve();
            Assert.False(result.Success);
            return (result.ErrorCode, result.ErrorDetails ?? "");
        }
        catch (DepResolveException error)
        {
            return (error.Code, error.Message);
        }
    }

    /// <summary>Writes scripts/depresolve.json and returns the path of a script in that folder.</summary>
    private static string WriteConfig(TempFolder temp, string json)
    {
        var folder = temp.Combine("scripts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "depresolve.json"), json);
        return Path.Combine(folder, "deploy.ps1");
    }

    private static DepResolveSession NewSession(TempFolder temp, string feed, string? policy = null) =>
        new(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed], Policy = policy });

    private static string BuildFeed(TempFolder temp) => DemoFeed.Build(temp);
}
