using DepResolve.Engine.Configuration;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Trust;

/// <summary>
/// No dependency confusion: an id found on a higher-priority feed is taken only from it, unless the package source
/// mapping sends it elsewhere; the lock file records the source and a locked install never switches it.
/// Real folder feeds and a real NuGet v3 server on loopback, real installs.
/// </summary>
public sealed class SourceTrustTests
{
    [Fact]
    public async Task A_private_id_is_not_replaced_by_a_higher_version_on_a_lower_priority_public_feed()
    {
        using var sandbox = new FeedSandbox();
        var privateFeed = sandbox.FolderFeed("private", "Contoso.Deploy@1.0.0");
        var publicPackages = sandbox.FolderFeed("public-packages", "Contoso.Deploy@99.0.0", "Public.Tool@2.0.0");
        await using var publicServer = await NuGetV3FeedServer.StartAsync(publicPackages);
        sandbox.Config($$"""
            { "repositories": [
                { "name": "team", "source": "{{Json(privateFeed)}}", "priority": 10 },
                { "name": "public", "source": "{{publicServer.ServiceIndexUrl}}", "priority": 50 } ] }
            """);
        using var session = sandbox.Session();

        var result = await sandbox.ResolveAsync(session, "Contoso.Deploy", "Public.Tool");

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Deploy 1.0.0 team", "Public.Tool 2.0.0 public"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version} {p.Source}"));
        Assert.Equal(0, publicServer.Counter.Matching("contoso.deploy"));
        Assert.Contains(sandbox.Verbose, l => l.StartsWith("Contoso.Deploy: taken from team: the first feed in priority order that has it", StringComparison.Ordinal));
        var locked = LockFileSerializer.Read(sandbox.LockFilePath).Scripts["deploy.ps1"];
        Assert.Equal("team", locked.Packages["Contoso.Deploy"].Source);
        Assert.Equal("public", locked.Packages["Public.Tool"].Source);
    }

    [Fact]
    public async Task The_package_source_mapping_sends_an_id_to_its_source_even_past_a_higher_priority_feed_that_has_it()
    {
        using var sandbox = new FeedSandbox();
        var team = sandbox.FolderFeed("team", "Contoso.Deploy@1.0.0");
        var gallery = sandbox.FolderFeed("gallery", "Contoso.Deploy@99.0.0", "Public.Tool@2.0.0");
        sandbox.Config($$"""
            { "repositories": [
                { "name": "gallery", "source": "{{Json(gallery)}}", "priority": 1 },
                { "name": "team", "source": "{{Json(team)}}", "priority": 60 } ],
              "packageSourceMapping": { "team": [ "Contoso.*" ], "gallery": [ "*" ] } }
            """);
        using var session = sandbox.Session();

        var result = await sandbox.ResolveAsync(session, "Contoso.Deploy", "Public.Tool");

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Deploy 1.0.0 team", "Public.Tool 2.0.0 gallery"], result.ResolvedPackages.Select(p => $"{p.Id} {p.Version} {p.Source}"));
        Assert.Contains(sandbox.Verbose, l => l == "Contoso.Deploy: taken from team: packageSourceMapping pattern 'Contoso.*' maps it to team.");
    }

    [Fact]
    public async Task An_id_no_mapping_pattern_matches_is_not_found_and_the_message_says_why()
    {
        using var sandbox = new FeedSandbox();
        var team = sandbox.FolderFeed("team", "Contoso.Deploy@1.0.0", "Other.Tool@1.0.0");
        sandbox.Config($$"""
            { "repositories": [ { "name": "team", "source": "{{Json(team)}}" } ],
              "packageSourceMapping": { "team": [ "Contoso.*" ] } }
            """);
        using var session = sandbox.Session();

        var result = await sandbox.ResolveAsync(session, "Other.Tool");

        Assert.False(result.Success);
        Assert.Equal(ErrorCode.PackageNotFound, result.ErrorCode);
        Assert.Contains("Other.Tool", result.ErrorDetails, StringComparison.Ordinal);
        Assert.Contains("No packageSourceMapping pattern matches it", result.ErrorDetails, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(sandbox.CacheRoot, "envs")));
    }

    [Fact]
    public async Task A_locked_install_never_switches_source_when_its_feed_is_gone()
    {
        using var sandbox = new FeedSandbox();
        var team = sandbox.FolderFeed("team", "Contoso.Deploy@1.0.0");
        var other = sandbox.FolderFeed("other", "Contoso.Deploy@1.0.0");
        sandbox.Config($$"""{ "repositories": [ { "name": "team", "source": "{{Json(team)}}" } ] }""");
        using (var session = sandbox.Session())
        {
            Assert.True((await sandbox.ResolveAsync(session, "Contoso.Deploy")).Success);
        }

        Assert.Equal("team", LockFileSerializer.Read(sandbox.LockFilePath).Scripts["deploy.ps1"].Packages["Contoso.Deploy"].Source);
        sandbox.Config($$"""{ "repositories": [ { "name": "other", "source": "{{Json(other)}}" } ] }""");
        sandbox.CacheRoot = sandbox.Combine("fresh-cache");
        using (var session = sandbox.Session())
        {
            var error = await Assert.ThrowsAsync<DepResolveException>(() => sandbox.ResolveAsync(session, "Contoso.Deploy"));

            Assert.Equal(ErrorCode.PackageNotFound, error.Code);
            Assert.Contains("no feed named 'team' is configured", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_lock_file_keeps_an_id_on_its_recorded_feed_when_resolving_again_with_another_policy()
    {
        using var sandbox = new FeedSandbox();
        var first = sandbox.FolderFeed("first", "Contoso.Deploy@1.0.0");
        var second = sandbox.FolderFeed("second", "Contoso.Deploy@2.0.0");
        sandbox.Config($$"""{ "repositories": [ { "name": "second", "source": "{{Json(second)}}" } ] }""");
        using (var session = sandbox.Session())
        {
            Assert.True((await sandbox.ResolveAsync(session, "Contoso.Deploy")).Success);
        }

        // The id now also exists on a feed of higher priority: the locked source still wins.
        sandbox.Config($$"""
            { "policy": "Highest", "repositories": [
                { "name": "first", "source": "{{Json(first)}}", "priority": 1 },
                { "name": "second", "source": "{{Json(second)}}", "priority": 2 } ] }
            """);
        using (var session = sandbox.Session())
        {
            var result = await sandbox.ResolveAsync(session, "Contoso.Deploy");

            Assert.True(result.Success, result.ErrorDetails);
            Assert.Equal("Contoso.Deploy 2.0.0 second", string.Join(",", result.ResolvedPackages.Select(p => $"{p.Id} {p.Version} {p.Source}")));
            Assert.Contains(sandbox.Verbose, l => l.Contains("the lock file took it from second; a locked id never switches source", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("Contoso.Deploy", "team")]
    [InlineData("Contoso.Public.Thing", "gallery")]
    [InlineData("contoso.special", "vendor")]
    [InlineData("Other", "gallery")]
    public void The_most_specific_pattern_decides(string id, string source)
    {
        var mapping = new PackageSourceMapping(new Dictionary<string, IReadOnlyList<string>>
        {
            ["team"] = ["Contoso.*"],
            ["gallery"] = ["*", "Contoso.Public.*"],
            ["vendor"] = ["Contoso.Special"],
        });

        Assert.Equal([source], mapping.Match(id)!.Sources);
        Assert.Null(PackageSourceMapping.None.Match(id));
    }

    [Theory]
    [InlineData("""{ "packageSourceMapping": { "team": "Contoso.*" } }""", "expected an array of id patterns")]
    [InlineData("""{ "packageSourceMapping": { "team": [ "*.Contoso" ] } }""", "'*.Contoso' is not an id pattern")]
    [InlineData("""{ "packageSourceMapping": [ "team" ] }""", "'packageSourceMapping' must be an object")]
    public void A_malformed_mapping_is_invalid_input_naming_the_file(string json, string reason)
    {
        using var sandbox = new FeedSandbox();
        sandbox.Config(json);

        var error = Assert.Throws<DepResolveException>(() => DepResolveConfigLoader.Load(sandbox.ScriptPath, userConfigFolder: sandbox.Combine("user")));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(sandbox.Combine("scripts", "depresolve.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    internal static string Json(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);
}
