using DepResolve.Engine.Hosting;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution.Locking;
using DepResolve.Engine.Tests.Fixtures;

namespace DepResolve.Engine.Tests.Hosting;

/// <summary>
/// useInstalledModules: a module already in a PSModulePath folder satisfies a requirement its version fits, instead of
/// a feed; recorded in the result and the verbose log, never locked. Real folders, a real folder feed and cache.
/// </summary>
public sealed class SessionInstalledModulesTests
{
    private static ScriptDependency PesterFive(string script) => new()
    {
        Name = "Pester", Kind = DependencyKind.Module, Evidence = DependencyEvidence.Requires, VersionRange = "[5.0.0, 6.0.0)", Path = script, Line = 2,
    };

    [Fact]
    public async Task AnInstalledModuleWhoseVersionFitsSatisfiesTheRequirementAndJoinsTheModulePath()
    {
        using var temp = new TempFolder();
        var userModules = InstallModule(temp, "Pester", "5.9.1", versionFolder: true);
        InstallModule(temp, "Pester", "5.2.0", versionFolder: true);
        var script = temp.Combine("tests.ps1");
        var verbose = new List<string>();
        using var session = NewSession(temp, [userModules], useInstalled: true, verbose);

        var result = await session.ResolveAsync([DemoFeed.RequiresGreeting(script), PesterFive(script)], new ResolveRequest { ScriptPath = script }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal(["Demo.Greeting", "Demo.Text"], result.ResolvedPackages.Select(p => p.Id));
        var pester = Assert.Single(result.InstalledModules);
        Assert.Equal(("Pester [5.0.0, 6.0.0)", "Pester", "5.9.1"), (pester.Requirement, pester.Name, pester.Version));
        Assert.Equal(Path.Combine(userModules, "Pester", "5.9.1"), pester.Path);
        Assert.Contains(userModules, result.ModulePath!.Split(Path.PathSeparator));
        Assert.Contains(verbose, l => l.Contains("satisfied by the installed module Pester 5.9.1", StringComparison.Ordinal));
        Assert.DoesNotContain("Pester", Assert.Single(LockFileSerializer.Read(temp.Combine("depresolve.lock.json")).Scripts).Value.Packages.Keys);
    }

    [Fact]
    public async Task AModuleFolderWithoutAVersionFolderCountsByItsManifestVersion()
    {
        using var temp = new TempFolder();
        var userModules = InstallModule(temp, "Pester", "5.3.0", versionFolder: false);
        var script = temp.Combine("tests.ps1");
        using var session = NewSession(temp, [userModules], useInstalled: true);

        var result = await session.ResolveAsync([PesterFive(script)], new ResolveRequest { ScriptPath = script, NoInstall = true }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal("5.3.0", Assert.Single(result.InstalledModules).Version);
        Assert.Empty(result.ResolvedPackages);
    }

    [Theory]
    [InlineData(false, "5.9.1")]
    [InlineData(true, "4.10.1")]
    public async Task WithoutTheOptInOrWithAVersionOutsideTheRangeTheFeedMustHaveIt(bool useInstalled, string installedVersion)
    {
        using var temp = new TempFolder();
        var userModules = InstallModule(temp, "Pester", installedVersion, versionFolder: true);
        var script = temp.Combine("tests.ps1");
        using var session = NewSession(temp, [userModules], useInstalled);

        var result = await session.ResolveAsync([PesterFive(script)], new ResolveRequest { ScriptPath = script, NoInstall = true }, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal(ErrorCode.PackageNotFound, result.ErrorCode);
        Assert.Empty(result.InstalledModules);
        var hint = $"Pester 5.9.1 is installed at {Path.Combine(userModules, "Pester", "5.9.1")}: -UseInstalledModules";
        if (useInstalled)
        {
            Assert.DoesNotContain("-UseInstalledModules", result.ErrorDetails, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(hint, result.ErrorDetails, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheConfigKeyTurnsItOn()
    {
        using var temp = new TempFolder();
        var userModules = InstallModule(temp, "Pester", "5.9.1", versionFolder: true);
        File.WriteAllText(temp.Combine("depresolve.json"), """{ "useInstalledModules": true }""");
        var script = temp.Combine("tests.ps1");
        using var session = NewSession(temp, [userModules], useInstalled: false);

        var result = await session.ResolveAsync([PesterFive(script)], new ResolveRequest { ScriptPath = script, NoInstall = true }, CancellationToken.None);

        Assert.True(result.Success, result.ErrorDetails);
        Assert.Equal("Pester", Assert.Single(result.InstalledModules).Name);
    }

    /// <summary>Writes a module manifest as Install-Module would lay it out; returns the PSModulePath entry.</summary>
    private static string InstallModule(TempFolder temp, string name, string version, bool versionFolder)
    {
        var entry = temp.Combine("user-modules");
        var folder = versionFolder ? Path.Combine(entry, name, version) : Path.Combine(entry, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".psd1"), $"@{{\n    ModuleVersion = '{version}'\n    RequiredModules = @(@{{ ModuleName = 'Other'; ModuleVersion = '9.9.9' }})\n}}\n");
        return entry;
    }

    private static DepResolveSession NewSession(TempFolder temp, string[] modulePath, bool useInstalled, List<string>? verbose = null) => new(
        new SessionSettings
        {
            WorkingDirectory = temp.Path,
            CacheDirectory = "cache",
            Repositories = [DemoFeed.Build(temp)],
            UseInstalledModules = useInstalled,
            InstalledModulePath = modulePath,
            UserConfigFolder = temp.Combine("user-config"),
        },
        new SessionCallbacks { Verbose = verbose is null ? null : line => { lock (verbose) { verbose.Add(line); } } });
}
