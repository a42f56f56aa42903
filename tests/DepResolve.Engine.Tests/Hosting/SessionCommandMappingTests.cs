using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// Commands on a feed without PSCommand_ tags (as Publish-PSResource writes them): credited to the modules the script
/// declares and their dependencies from what those packages export, learnt for later scripts, and never blocking a run
/// when nothing maps them.
/// </summary>
public sealed class SessionCommandMappingTests
{
    [Fact]
    public async Task CommandsOfTheDeclaredModuleAndOfItsDependencyAreCreditedWithoutFeedTags()
    {
        using var temp = new TempFolder();
        var (feed, script) = Build(temp);

        using var session = NewSession(temp, feed);
        var result = await session.ResolveAsync([Requires(script, "Contoso.Greeting"), Command(script, "Get-Greeting", 3), Command(script, "ConvertTo-Banner", 4)], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Greeting 1.0.0", "Contoso.Text 1.0.0"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version}"));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("was not mapped"));
    }

    [Fact]
    public async Task ACommandNothingMapsIsAWarningNamingFileAndLineAndTheResolutionGoesOn()
    {
        using var temp = new TempFolder();
        var (feed, script) = Build(temp);
        var warnings = new List<string>();

        using var session = new DepResolveSession(Settings(temp, feed), new SessionCallbacks { Warning = warnings.Add });
        var result = await session.ResolveAsync([Requires(script, "Contoso.Greeting"), Command(script, "Invoke-Nowhere", 7)], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Greeting", "Contoso.Text"], result.ResolvedPackages.Select(p => p.Id));
        var warning = Assert.Single(warnings, w => w.Contains("Invoke-Nowhere"));
        Assert.Contains($"{script}:7: Invoke-Nowhere was not mapped to a package", warning);
        Assert.Contains("add to depresolve.json: \"commandMappings\": { \"Invoke-Nowhere\": \"ModuleName\" }", warning);
        Assert.Contains(result.Warnings, w => w.Contains("Invoke-Nowhere"));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(script)!, "depresolve.lock.json")));
    }

    [Fact]
    public async Task FailOnUnresolvedInTheConfigTurnsTheUnmappedCommandIntoPackageNotFound()
    {
        using var temp = new TempFolder();
        var (feed, script) = Build(temp);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(script)!, "depresolve.json"), """{ "failOnUnresolved": true }""");

        using var session = NewSession(temp, feed);
        var result = await session.ResolveAsync([Requires(script, "Contoso.Greeting"), Command(script, "Invoke-Nowhere", 7)], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ErrorCode.PackageNotFound, result.ErrorCode);
        Assert.Contains("Invoke-Nowhere", result.ErrorDetails);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(script)!, "depresolve.lock.json")));
    }

    [Fact]
    public async Task AnUnreachableFeedIsNetworkErrorNamingItsUrlNotAnUnmappedCommand()
    {
        using var temp = new TempFolder();
        var (_, script) = Build(temp);
        const string unreachable = "http://127.0.0.1:9/v3/index.json";
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(script)!, "depresolve.json"), """{ "maxRetries": 0 }""");

        using var session = NewSession(temp, unreachable);
        var result = await session.ResolveAsync([Requires(script, "Contoso.Greeting"), Command(script, "Get-Greeting", 3)], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ErrorCode.NetworkError, result.ErrorCode);
        Assert.Contains("127.0.0.1:9", result.ErrorDetails);
    }

    [Fact]
    public async Task ALaterScriptThatDeclaresNothingMapsTheCommandFromWhatThisCacheInstalledBefore()
    {
        using var temp = new TempFolder();
        var (feed, script) = Build(temp);
        var other = Path.Combine(Path.GetDirectoryName(script)!, "other", "farewell.ps1");
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);

        using (var first = NewSession(temp, feed))
        {
            Assert.True((await first.ResolveAsync([Requires(script, "Contoso.Greeting")], new ResolveRequest { ScriptPath = script }, CancellationToken.None)).Success);
        }

        using var later = NewSession(temp, feed);
        var result = await later.ResolveAsync([Command(other, "Get-Farewell", 1)], new ResolveRequest { ScriptPath = other, NoInstall = true }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Greeting", "Contoso.Text"], result.ResolvedPackages.Select(p => p.Id));
    }

    private static (string Feed, string Script) Build(TempFolder temp)
    {
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Contoso.Text", "1.0.0").AsModule(functions: ["ConvertTo-Banner"]).WithoutCommandTags().Build(feed);
        new PackageBuilder("Contoso.Greeting", "1.0.0").AsModule(functions: ["Get-Greeting", "Get-Farewell"]).WithoutCommandTags().DependsOn("Contoso.Text", "[1.0.0, )").Build(feed);
        var scripts = temp.Combine("scripts");
        Directory.CreateDirectory(scripts);
        return (feed, Path.Combine(scripts, "greet.ps1"));
    }

    private static ScriptDependency Requires(string script, string module) =>
        new() { Name = module, Kind = DependencyKind.Module, Evidence = DependencyEvidence.Requires, Path = script, Line = 1 };

    private static ScriptDependency Command(string script, string name, int line) =>
        new() { Name = name, Kind = DependencyKind.Command, Evidence = DependencyEvidence.CommandUsage, Path = script, Line = line };

    private static SessionSettings Settings(TempFolder temp, string feed) =>
        new() { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = [feed] };

    private static DepResolveSession NewSession(TempFolder temp, string feed) => new(Settings(temp, feed));
}
