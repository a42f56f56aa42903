using DepResolve.Engine.Installation;
using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Testing;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Installation;

public class PackageInstallerTests
{
    [Fact]
    public async Task ColdInstallLaysOutModulesByManifestVersionAndPicksTheBestLibraryFramework()
    {
        using var bed = new InstallerTestBed();
        var module = bed.AddModule("Az.Accounts", "2.0.4.0", moduleVersion: "2.0.4");
        var library = bed.AddLibrary("Fancy.Json", "13.0.1", "net45", "netstandard2.0", "net8.0", "net9.0");
        var feed = bed.NewFeed();

        using var outcome = await bed.NewInstaller(feed).InstallAsync([module, library], null, CancellationToken.None);

        var environment = outcome.Environment!;
        Assert.True(environment.Created);
        Assert.Equal(["Az.Accounts 2.0.4", "Fancy.Json 13.0.1"], outcome.Downloaded);
        var moduleRoot = Assert.Single(environment.ModulePathEntries);
        var moduleFolder = Path.Combine(moduleRoot, "Az.Accounts", "2.0.4");
        Assert.True(File.Exists(Path.Combine(moduleFolder, "Az.Accounts.psd1")));
        Assert.True(File.Exists(Path.Combine(moduleFolder, "Az.Accounts.psm1")));
        Assert.Equal(["Az.Accounts.psd1", "Az.Accounts.psm1"], Directory.EnumerateFileSystemEntries(moduleFolder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        Assert.StartsWith(bed.Layout.StoreFolder, moduleRoot);
        Assert.True(new FileInfo(Path.Combine(moduleFolder, "Az.Accounts.psd1")).IsReadOnly);

        var assembly = Assert.Single(environment.Assemblies);
        Assert.EndsWith(Path.Combine("lib", "net8.0", "Fancy.Json.dll"), assembly);
        Assert.True(File.Exists(assembly));

        var psHome = bed.Combine("pwsh");
        Assert.Equal(string.Join(Path.PathSeparator, moduleRoot, Path.Combine(psHome, "Modules")), environment.BuildModulePath(psHome));

        var result = new ResolutionResult();
        outcome.ApplyTo(result, psHome);
        Assert.Equal((environment.Id, environment.Path, environment.BuildModulePath(psHome)), (result.EnvironmentId, result.EnvironmentPath, result.ModulePath));
        Assert.Equal(environment.Assemblies, result.Assemblies);

        var installs = bed.NewInstaller(feed).Audit.ReadAll().Where(a => a.Action == AuditActions.Install).ToList();
        Assert.Equal(2, installs.Count);
        Assert.All(installs, a => Assert.Equal(AuditActions.Success, a.Result));
        Assert.Contains(installs, a => a.Package == "Az.Accounts" && a.Version == "2.0.4" && a.Sha512 == module.Sha512 && a.Source == "local");
        Assert.Empty(bed.TempLeftovers());
        Assert.Empty(new PackageStore(bed.Layout).VerifyAll());
    }

    [Fact]
    public async Task AWarmInstallOfTheSameSetReusesTheEnvironmentWithZeroFeedRequests()
    {
        using var bed = new InstallerTestBed();
        var set = new[] { bed.AddModule("Pester", "5.5.0"), bed.AddLibrary("Tiny.Lib", "1.0.0") };
        string firstId;
        using (var cold = await bed.NewInstaller(bed.NewFeed()).InstallAsync(set, null, CancellationToken.None))
        {
            firstId = cold.Environment!.Id;
        }

        var warmFeed = bed.NewFeed();
        using var warm = await bed.NewInstaller(warmFeed).InstallAsync(set.Reverse().ToList(), null, CancellationToken.None);

        Assert.Equal(0, warmFeed.Requests);
        Assert.Equal(firstId, warm.Environment!.Id);
        Assert.False(warm.Environment.Created);
        Assert.Empty(warm.Downloaded);
        var audit = bed.NewInstaller(warmFeed).Audit.ReadAll();
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.Reuse));
        Assert.Single(audit, a => a.Action == AuditActions.ReuseEnvironment && a.Environment == firstId);
        Assert.Single(bed.EnvironmentFolders());
    }

    [Fact]
    public async Task OfflineInstallsFromTheStoreAndOtherwiseNamesEveryMissingPackage()
    {
        using var bed = new InstallerTestBed();
        var cached = bed.AddModule("Cached.Module", "1.0.0");
        using (await bed.NewInstaller(bed.NewFeed()).InstallAsync([cached], null, CancellationToken.None))
        {
        }

        var offline = new PackageInstallerOptions { Offline = true };
        var feed = bed.NewFeed();
        using (var fromStore = await bed.NewInstaller(feed, offline).InstallAsync([cached], null, CancellationToken.None))
        {
            Assert.NotNull(fromStore.Environment);
        }

        var missingA = bed.AddModule("Missing.A", "1.0.0");
        var missingB = bed.AddLibrary("Missing.B", "2.0.0");
        var error = await Assert.ThrowsAsync<DepResolveException>(() => bed.NewInstaller(feed, offline).InstallAsync([cached, missingA, missingB], null, CancellationToken.None));

        Assert.Equal(ErrorCode.PackageNotFound, error.Code);
        Assert.Contains("Offline", error.Message);
        Assert.Contains("Missing.A 1.0.0", error.Message);
        Assert.Contains("Missing.B 2.0.0", error.Message);
        Assert.DoesNotContain("Cached.Module", error.Message);
        Assert.Equal(0, feed.Requests);
        Assert.Single(bed.EnvironmentFolders());
    }

    [Fact]
    public async Task AHashMismatchInstallsNothing()
    {
        using var bed = new InstallerTestBed();
        var other = bed.AddModule("Other.Module", "1.0.0");
        var package = bed.AddModule("Locked.Module", "1.0.0") with { Sha512 = other.Sha512 };

        var error = await Assert.ThrowsAsync<DepResolveException>(() => bed.NewInstaller(bed.NewFeed()).InstallAsync([package], null, CancellationToken.None));

        Assert.Equal(ErrorCode.HashMismatch, error.Code);
        Assert.Contains("Locked.Module 1.0.0", error.Message);
        Assert.Contains(other.Sha512!, error.Message);
        Assert.Empty(bed.StoreEntries());
        Assert.Empty(bed.EnvironmentFolders());
        Assert.Empty(bed.TempLeftovers());
    }

    [Fact]
    public async Task AZipSlipPackageIsRejectedWithNothingLeftBehind()
    {
        using var bed = new InstallerTestBed();
        var good = bed.AddModule("Good.Module", "1.0.0");
        var evil = bed.Add(new PackageBuilder("Evil.Module", "1.0.0").AsModule().WithEntry("../../escaped.ps1", "'pwned'"), isModule: true);

        var error = await Assert.ThrowsAsync<DepResolveException>(() => bed.NewInstaller(bed.NewFeed()).InstallAsync([good, evil], null, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Contains("Evil.Module", error.Message);
        Assert.Empty(bed.EnvironmentFolders());
        Assert.Empty(bed.TempLeftovers());
        Assert.DoesNotContain(bed.StoreEntries(), e => e.Contains("evil", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Directory.EnumerateFiles(bed.Combine(), "escaped.ps1", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(bed.Layout.Root, "escaped.ps1")));
        Assert.Empty(new PackageStore(bed.Layout).VerifyAll());
    }

    [Fact]
    public async Task WhenOnePackageOfASetFailsNoEnvironmentIsCreated()
    {
        using var bed = new InstallerTestBed();
        var good = bed.AddModule("Good.Module", "1.0.0");
        var absent = new ResolvedNode { Id = "Not.There", Version = NuGetVersion.Parse("1.0.0"), FeedName = InstallerTestBed.FeedName, IsPowerShellModule = true };

        var error = await Assert.ThrowsAsync<DepResolveException>(() => bed.NewInstaller(bed.NewFeed()).InstallAsync([good, absent], null, CancellationToken.None));

        Assert.Equal(ErrorCode.PackageNotFound, error.Code);
        Assert.Contains("Not.There", error.Message);
        Assert.Empty(bed.EnvironmentFolders());
        Assert.Empty(bed.TempLeftovers());
        Assert.Empty(new PackageStore(bed.Layout).VerifyAll());
    }

    [Fact]
    public async Task ALibraryWhereAModuleWasAskedForIsInvalidPackage()
    {
        using var bed = new InstallerTestBed();
        var notAModule = bed.AddLibrary("Just.A.Library", "1.0.0") with { IsPowerShellModule = true };

        var error = await Assert.ThrowsAsync<DepResolveException>(() => bed.NewInstaller(bed.NewFeed()).InstallAsync([notAModule], null, CancellationToken.None));

        Assert.Equal(ErrorCode.InvalidPackage, error.Code);
        Assert.Contains("Just.A.Library 1.0.0", error.Message);
        Assert.Contains("not a PowerShell module", error.Message);
        Assert.Empty(bed.StoreEntries());
        Assert.Empty(bed.TempLeftovers());
    }

    [Fact]
    public async Task ACorruptStoreEntryIsQuarantinedAndDownloadedAgain()
    {
        using var bed = new InstallerTestBed();
        var package = bed.AddModule("Fragile.Module", "1.0.0");
        string psm1;
        using (var first = await bed.NewInstaller(bed.NewFeed()).InstallAsync([package], null, CancellationToken.None))
        {
            psm1 = Path.Combine(first.Environment!.ModulePathEntries[0], "Fragile.Module", "1.0.0", "Fragile.Module.psm1");
        }

        var original = File.ReadAllText(psm1);
        File.SetAttributes(psm1, FileAttributes.Normal);
        File.WriteAllText(psm1, original.Replace("ran", "RAN", StringComparison.Ordinal));

        var feed = bed.NewFeed();
        var installer = bed.NewInstaller(feed, new PackageInstallerOptions { FullVerification = true });
        using (await installer.InstallAsync([package], null, CancellationToken.None))
        {
        }

        Assert.Equal(1, feed.Downloads);
        Assert.Equal(original, File.ReadAllText(psm1));
        Assert.Single(Directory.EnumerateDirectories(bed.Layout.QuarantineFolder));
        var quarantine = Assert.Single(installer.Audit.ReadAll(), a => a.Action == AuditActions.Quarantine);
        Assert.Contains("Fragile.Module.psm1", quarantine.Detail);
        Assert.Empty(new PackageStore(bed.Layout).VerifyAll());
    }

    [Fact]
    public async Task AnEnvironmentCanExtendABaseEnvironment()
    {
        using var bed = new InstallerTestBed();
        var shared = bed.AddModule("Shared.Base", "1.0.0");
        var extra = bed.AddModule("Script.Extra", "2.0.0");
        var installer = bed.NewInstaller(bed.NewFeed());
        using var baseOutcome = await installer.InstallAsync([shared], null, CancellationToken.None);

        using var extended = await installer.InstallAsync([extra], baseOutcome.Environment!.Id, CancellationToken.None);

        var environment = extended.Environment!;
        Assert.Equal(baseOutcome.Environment.Id, environment.BaseEnvironmentId);
        Assert.NotEqual(EnvironmentId.Compute([extra], null), environment.Id);
        Assert.Equal(["Script.Extra", "Shared.Base"], environment.Packages.Select(p => p.Id).ToArray());
        Assert.Equal(2, environment.ModulePathEntries.Count);
        Assert.True(Directory.Exists(Path.Combine(environment.ModulePathEntries[0], "Script.Extra")));
        Assert.True(Directory.Exists(Path.Combine(environment.ModulePathEntries[1], "Shared.Base")));
        Assert.Equal(2, bed.StoreEntries().Count);
    }

    [Fact]
    public async Task AnInstallWritesTheFingerprintFileOnlyForAnEnvironmentOfTheEntriesItVerified()
    {
        using var bed = new InstallerTestBed();
        var shared = bed.AddModule("Shared.Base", "1.0.0");
        var extra = bed.AddModule("Script.Extra", "2.0.0");
        var installer = bed.NewInstaller(bed.NewFeed());
        using var baseOutcome = await installer.InstallAsync([shared], null, CancellationToken.None);

        using var extended = await installer.InstallAsync([extra], baseOutcome.Environment!.Id, CancellationToken.None);

        // The base's entries were not verified by the second install: its environment keeps the slow check.
        Assert.True(File.Exists(Path.Combine(baseOutcome.Environment.Path, EnvironmentFingerprint.FileName)));
        Assert.True(EnvironmentFingerprint.Matches(baseOutcome.Environment.Path, bed.Layout));
        Assert.False(File.Exists(Path.Combine(extended.Environment!.Path, EnvironmentFingerprint.FileName)));
    }

    [Fact]
    public void EnvironmentIdsAreTheHashOfTheSortedDistinctLinesAndTheBase()
    {
        var random = new Random(7);
        string[] ids = ["A", "a", "Az.Accounts", "AZ.ACCOUNTS", "İstanbul", "Éclair", "b", "Z9"];
        string[] versions = ["1.0", "1.0.0", "2.0.0-Beta", "1.2.3.4"];
        for (var round = 0; round < 100; round++)
        {
            var packages = Enumerable.Range(0, random.Next(0, 8))
                .Select(_ => (Id: ids[random.Next(ids.Length)], Version: NuGetVersion.Parse(versions[random.Next(versions.Length)]), Sha512: random.Next(3) == 0 ? null : "h" + random.Next(3)))
                .ToList();
            var baseId = random.Next(2) == 0 ? null : "base" + round;

            var lines = packages.Select(p => $"{p.Id.ToLowerInvariant()}/{p.Version.ToNormalizedString().ToLowerInvariant()}/{p.Sha512 ?? ""}")
                .Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal).Append("base:" + (baseId ?? ""));
            var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..24].ToLowerInvariant();

            Assert.Equal(expected, EnvironmentId.Compute(packages.Select(p => (p.Id, p.Version, p.Sha512)), baseId));
        }
    }

    [Fact]
    public void TheSameSetIsTheSameEnvironmentWhateverTheOrderOrCase()
    {
        var a = Package("A", "1.0", "x");
        var b = Package("B", "2.0.0", "y");
        var aAgain = Package("a", "1.0.0", "x");

        Assert.Equal(EnvironmentId.Compute([a, b], null), EnvironmentId.Compute([b, aAgain], null));
        Assert.NotEqual(EnvironmentId.Compute([a, b], null), EnvironmentId.Compute([a, b], "base"));
        Assert.NotEqual(EnvironmentId.Compute([a], null), EnvironmentId.Compute([Package("A", "1.0", "z")], null));

        static ResolvedNode Package(string id, string version, string sha512) =>
            new() { Id = id, Version = NuGetVersion.Parse(version), FeedName = "", Sha512 = sha512 };
    }
}
