using System.Text;
using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Testing.Servers;

namespace DepResolve.Engine.Tests.Trust;

/// <summary>
/// The NuGet.Config sources that apply to a script's folder supply its .NET library packages (#r "nuget: …"):
/// with their credentials, before the module repositories, with NuGet.Config's packageSourceMapping honoured, and
/// never for a module. Real folder feeds, a real v3 server on loopback and real .csx scripts.
/// </summary>
public sealed class NuGetConfigSourceTests
{
    private const string User = "builder";
    private const string Secret = "Nu6et-planted-91c2";

    [Fact]
    public async Task A_nuget_directive_resolves_from_the_NuGet_Config_source_with_its_credentials_and_no_output_shows_them()
    {
        using var sandbox = new FeedSandbox();
        sandbox.Config($$"""{ "repositories": [ { "name": "modules", "source": "{{Escape(sandbox.FolderFeed("modules", "Contoso.Tools@1.0.0"))}}" } ] }""");
        var served = sandbox.LibraryFeed("served", "Contoso.Lib@1.0.0>Contoso.Core", "Contoso.Core@1.0.0");
        await using var server = await NuGetV3FeedServer.StartAsync(served);
        server.Faults.RequiredBasic = (User, Secret);
        sandbox.NuGetConfig($"""
              <packageSources>
                <clear />
                <add key="private" value="{server.ServiceIndexUrl}" protocolVersion="3" />
              </packageSources>
              <packageSourceCredentials>
                <private><add key="Username" value="{User}" /><add key="ClearTextPassword" value="{Secret}" /></private>
              </packageSourceCredentials>
            """);
        var script = Script(sandbox, "tool.csx", "#r \"nuget: Contoso.Lib, 1.0.0\"\nSystem.Console.WriteLine(\"ok\");\n");

        ResolutionResult result;
        using (var session = sandbox.Session())
        {
            var dependencies = await session.AnalyzeScriptAsync(script, recurse: false, includeBuiltIn: false, CancellationToken.None);
            result = await session.ResolveAsync(dependencies, new ResolveRequest { ScriptPath = script }, CancellationToken.None);
        }

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Core 1.0.0 private", "Contoso.Lib 1.0.0 private"], Packages(result).Order());
        Assert.NotEmpty(result.Assemblies);
        Assert.Contains(server.Counter.Requests, r => r.Authorization is not null);
        Assert.Contains(sandbox.Verbose, l => l.StartsWith("Contoso.Lib: taken from private", StringComparison.Ordinal));
        var locked = LockFileSerializer.Read(sandbox.LockFilePath);
        Assert.Equal("private", Assert.Single(locked.Scripts).Value.Packages["Contoso.Lib"].Source);

        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Secret}"));
        var texts = sandbox.Verbose.Concat(sandbox.Warnings).Append(File.ReadAllText(sandbox.LockFilePath)).Append(result.ErrorDetails ?? "").ToList();
        Assert.All(texts, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(sandbox.CacheRoot, "*", SearchOption.AllDirectories))
        {
            var content = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.False(content.Contains(Secret, StringComparison.Ordinal) || content.Contains(encoded, StringComparison.Ordinal), $"{file} holds the secret");
        }
    }

    [Fact]
    public async Task A_library_comes_from_the_source_NuGet_Config_maps_it_to_even_when_a_source_listed_first_has_a_higher_version()
    {
        using var sandbox = new FeedSandbox();
        sandbox.Config($$"""{ "repositories": [ { "name": "modules", "source": "{{Escape(sandbox.FolderFeed("modules"))}}" } ] }""");
        var publicFeed = sandbox.LibraryFeed("public", "Contoso.Lib@99.0.0", "Other.Lib@1.0.0");
        var privateFeed = sandbox.LibraryFeed("private", "Contoso.Lib@1.0.0");
        sandbox.NuGetConfig($"""
              <packageSources>
                <clear />
                <add key="public" value="{publicFeed}" />
                <add key="private" value="{privateFeed}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="private"><package pattern="Contoso.*" /></packageSource>
                <packageSource key="public"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            """);
        var script = Script(sandbox, "tool.csx", "#r \"nuget: Contoso.Lib, 1.0.0\"\n#r \"nuget: Other.Lib, 1.0.0\"\n");

        using var session = sandbox.Session();
        var result = await ResolveWithoutInstallingAsync(session, script);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Contoso.Lib 1.0.0 private", "Other.Lib 1.0.0 public"], Packages(result).Order());
        Assert.Contains(sandbox.Verbose, l => l.Contains("Contoso.Lib: taken from private: NuGet.Config packageSourceMapping pattern 'Contoso.*' maps it to private", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_library_is_taken_from_NuGet_Config_before_a_module_repository_that_has_a_higher_version()
    {
        using var sandbox = new FeedSandbox();
        var modules = sandbox.LibraryFeed("modules", "Contoso.Lib@99.0.0");
        sandbox.Config($$"""{ "repositories": [ { "name": "modules", "source": "{{Escape(modules)}}", "priority": 1 } ] }""");
        sandbox.NuGetConfig($"""
              <packageSources>
                <clear />
                <add key="company" value="{sandbox.LibraryFeed("company", "Contoso.Lib@1.0.0")}" />
              </packageSources>
            """);
        var script = Script(sandbox, "tool.csx", "#r \"nuget: Contoso.Lib, 1.0.0\"\n");

        using var session = sandbox.Session();
        var result = await ResolveWithoutInstallingAsync(session, script);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal("Contoso.Lib 1.0.0 company", Packages(result).Single());
        Assert.Contains(sandbox.Verbose, l => l.StartsWith("Library feed (NuGet.Config) company (priority 100): ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_namespace_nobody_curated_is_mapped_to_the_package_a_NuGet_Config_source_has_and_resolved_from_it()
    {
        using var sandbox = new FeedSandbox();
        sandbox.Config($$"""{ "repositories": [ { "name": "modules", "source": "{{Escape(sandbox.FolderFeed("modules"))}}" } ] }""");
        sandbox.NuGetConfig($"""
              <packageSources>
                <clear />
                <add key="company" value="{sandbox.LibraryFeed("company", "Contoso.Data@1.2.0")}" />
              </packageSources>
            """);
        var script = Script(sandbox, "tool.csx", "using Contoso.Data.Sql;\nSystem.Console.WriteLine(typeof(Marker));\n");

        using var session = sandbox.Session();
        var result = await ResolveWithoutInstallingAsync(session, script);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal("Contoso.Data 1.2.0 company", Packages(result).Single());
    }

    [Fact]
    public async Task A_module_is_never_looked_up_on_a_NuGet_Config_source()
    {
        using var sandbox = new FeedSandbox();
        sandbox.Config($$"""{ "repositories": [ { "name": "modules", "source": "{{Escape(sandbox.FolderFeed("modules"))}}" } ] }""");
        await using var server = await NuGetV3FeedServer.StartAsync(sandbox.FolderFeed("served", "Contoso.Tools@1.0.0"));
        sandbox.NuGetConfig($"""
              <packageSources>
                <clear />
                <add key="nuget" value="{server.ServiceIndexUrl}" />
              </packageSources>
            """);

        using var session = sandbox.Session();
        var result = await sandbox.ResolveAsync(session, "Contoso.Tools");

        Assert.False(result.Success);
        Assert.Equal(ErrorCode.PackageNotFound, result.ErrorCode);
        Assert.Empty(server.Counter.Requests);
    }

    [Fact]
    public async Task Repository_replaces_the_NuGet_Config_sources_too()
    {
        using var sandbox = new FeedSandbox();
        var only = sandbox.LibraryFeed("only", "Contoso.Lib@2.0.0");
        sandbox.NuGetConfig($"""
              <packageSources>
                <clear />
                <add key="company" value="{sandbox.LibraryFeed("company", "Contoso.Lib@1.0.0")}" />
              </packageSources>
            """);
        var script = Script(sandbox, "tool.csx", "#r \"nuget: Contoso.Lib, 1.0.0\"\n");

        using var session = sandbox.Session(only);
        var result = await ResolveWithoutInstallingAsync(session, script);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal("Contoso.Lib 2.0.0 only", Packages(result).Single());
    }

    [Fact]
    public async Task A_NuGet_Config_that_cannot_be_read_is_a_warning_naming_it_and_modules_still_resolve()
    {
        using var sandbox = new FeedSandbox();
        sandbox.Config($$"""{ "repositories": [ { "name": "modules", "source": "{{Escape(sandbox.FolderFeed("modules", "Contoso.Tools@1.0.0"))}}" } ] }""");
        File.WriteAllText(sandbox.Combine("scripts", "NuGet.Config"), "<configuration><packageSources>");

        using var session = sandbox.Session();
        var result = await sandbox.ResolveAsync(session, "Contoso.Tools");

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Contains(sandbox.Warnings, w => w.Contains(sandbox.Combine("scripts", "NuGet.Config"), StringComparison.Ordinal));
    }

    /// <summary>What the script needs, resolved as Resolve-ScriptDependency -NoInstall would.</summary>
    private static async Task<ResolutionResult> ResolveWithoutInstallingAsync(DepResolveSession session, string script)
    {
        var dependencies = await session.AnalyzeScriptAsync(script, recurse: false, includeBuiltIn: false, CancellationToken.None);
        return await session.ResolveAsync(dependencies, new ResolveRequest { ScriptPath = script, NoInstall = true }, CancellationToken.None);
    }

    /// <summary>"Id Version Source" of each resolved package.</summary>
    private static IEnumerable<string> Packages(ResolutionResult result) => result.ResolvedPackages.Select(p => $"{p.Id} {p.Version} {p.Source}");

    private static string Script(FeedSandbox sandbox, string name, string text)
    {
        var path = sandbox.Combine("scripts", name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);
}
