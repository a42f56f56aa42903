using DepResolve.Engine.Model;
using DepResolve.Testing;

namespace DepResolve.Engine.Tests.Trust;

/// <summary>
/// A module is found wherever a package keeps it — the root, tools/ (the Chocolatey layout Pester uses on NuGet) or a
/// single folder of its own — and installed as a module; a package with no module where one was asked is refused
/// with InvalidPackage and no environment is made. Real packages in a folder feed, real installs.
/// </summary>
public sealed class ModuleLayoutInstallTests
{
    [Theory]
    [InlineData("tools/")]
    [InlineData("src/Nested.Tool/")]
    public async Task A_module_in_a_subfolder_is_installed_as_a_module_and_its_environment_verifies_on_reuse(string folderInPackage)
    {
        using var sandbox = new FeedSandbox();
        var feed = sandbox.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Nested.Tool", "5.9.1")
            .WithEntry(folderInPackage + "Nested.Tool.psd1", "@{ ModuleVersion = '5.9.1'; RootModule = 'Nested.Tool.psm1'; FunctionsToExport = @('Invoke-Nested') }")
            .WithEntry(folderInPackage + "Nested.Tool.psm1", "function Invoke-Nested { 'nested' }")
            .WithEntry(folderInPackage + "en-US/Nested.Tool.dll-Help.psd1", "@{ Note = 'help data, not a manifest' }")
            .WithEntry("tools/chocolateyInstall.ps1", "# chocolatey only")
            .Build(feed);
        using var session = sandbox.Session(feed);

        var first = await session.ResolveAsync([AsModule("Nested.Tool")], new DepResolve.Engine.Hosting.ResolveRequest { ScriptPath = sandbox.ScriptPath }, CancellationToken.None);

        Assert.True(first.Success, first.ErrorDetails);
        var moduleFolder = first.ModulePath!.Split(Path.PathSeparator).Select(p => Path.Combine(p, "Nested.Tool", "5.9.1")).Single(Directory.Exists);
        Assert.True(File.Exists(Path.Combine(moduleFolder, "Nested.Tool.psd1")));
        Assert.True(File.Exists(Path.Combine(moduleFolder, "Nested.Tool.psm1")));
        Assert.Empty(first.Assemblies);

        using var again = sandbox.Session(feed);
        var second = await again.ResolveAsync([AsModule("Nested.Tool")], new DepResolve.Engine.Hosting.ResolveRequest { ScriptPath = sandbox.ScriptPath }, CancellationToken.None);
        Assert.True(second.Success, second.ErrorDetails);
        Assert.Equal(first.EnvironmentId, second.EnvironmentId);
        Assert.True(second.CacheHit);
    }

    [Fact]
    public async Task A_package_without_a_module_asked_for_as_a_module_is_InvalidPackage_and_nothing_is_installed()
    {
        using var sandbox = new FeedSandbox();
        var feed = sandbox.Combine("feed");
        Directory.CreateDirectory(feed);
        new PackageBuilder("Only.Library", "1.0.0").AsLibrary("netstandard2.0").Build(feed);
        using var session = sandbox.Session(feed);

        var error = await Assert.ThrowsAsync<DepResolveException>(() => session.ResolveAsync([AsModule("Only.Library")], new DepResolve.Engine.Hosting.ResolveRequest { ScriptPath = sandbox.ScriptPath }, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Contains("Only.Library 1.0.0 from 'feed' is not a PowerShell module", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.GetEnvironments());
    }

    private static ScriptDependency AsModule(string name) => new()
    {
        Name = name,
        Kind = DependencyKind.Module,
        Evidence = DependencyEvidence.Requires,
        VersionRange = "[1.0.0, )",
        Path = "deploy.ps1",
        Line = 1,
    };
}
