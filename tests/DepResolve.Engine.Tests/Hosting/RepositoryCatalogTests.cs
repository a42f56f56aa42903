using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>-Repository names come from depresolve.json (and PSResourceGet registrations); folders and URLs are taken as they are.</summary>
public sealed class RepositoryCatalogTests
{
    private const string Config = """{ "repositories": [ { "name": "team-feed", "source": "feed" } ] }""";

    [Fact]
    public async Task ARepositoryNameFromDepresolveJsonResolvesAndCompletes()
    {
        using var temp = new TempFolder();
        var feed = temp.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Demo.Text", "1.0.0").AsModule(functions: ["ConvertTo-Banner"]).WithTags("PSModule").Build(feed);
        File.WriteAllText(temp.Combine("depresolve.json"), Config);
        using var session = new DepResolveSession(new SessionSettings { WorkingDirectory = temp.Path, CacheDirectory = "cache", Repositories = ["team-feed"] });
        var dependency = new ScriptDependency { Name = "Demo.Text", Kind = DependencyKind.Module, Evidence = DependencyEvidence.Requires, VersionRange = "[1.0.0, )" };

        var result = await session.ResolveAsync([dependency], new ResolveRequest { NoInstall = true }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal("team-feed", Assert.Single(result.ResolvedPackages).Source);
        Assert.Contains("team-feed", DepResolveSession.GetRepositoryNames(temp.Path));
    }

    [Fact]
    public void AnUnknownRepositoryNameIsInvalidInputListingTheKnownOnes()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("depresolve.json"), Config);

        var error = Assert.Throws<DepResolveException>(() => RepositoryCatalog.Select(["nope"], temp.Path));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains("team-feed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FoldersAndUrlsNeedNoRegistration()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("local"));

        var selected = RepositoryCatalog.Select(["local", "http://127.0.0.1:9/v3/index.json"], temp.Path);

        Assert.Equal([temp.Combine("local"), "http://127.0.0.1:9/v3/index.json"], selected.Select(r => r.Source));
    }
}
