using System.IO.Compression;
using System.Reflection;
using System.Runtime.Loader;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using DepResolve.Testing;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Packaging;

public class PackageBuilderTests
{
    [Fact]
    public void ModulePackageLooksLikeAGalleryPackage()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("Az.Accounts", "2.0.4.0")
            .AsModule(functions: new[] { "Connect-AzAccount" }, cmdlets: new[] { "Get-AzContext" }, moduleVersion: "2.0.4")
            .DependsOn("Az.Base", "[1.0.0, )")
            .WithTags("Azure")
            .Build(temp.Path);

        Assert.Equal(temp.Combine("Az.Accounts.2.0.4.nupkg"), path);
        using var zip = ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("Az.Accounts.nuspec", names);
        Assert.Contains("Az.Accounts.psd1", names);
        Assert.Contains("Az.Accounts.psm1", names);
        Assert.Contains("[Content_Types].xml", names);
        Assert.Contains("_rels/.rels", names);
        Assert.Contains(names, n => n.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) && n.EndsWith(".psmdcp", StringComparison.Ordinal));

        var psd1 = new StreamReader(zip.GetEntry("Az.Accounts.psd1")!.Open()).ReadToEnd();
        Assert.Contains("ModuleVersion = '2.0.4'", psd1);
        Assert.Contains("FunctionsToExport = @('Connect-AzAccount')", psd1);
        Assert.Contains("CmdletsToExport = @('Get-AzContext')", psd1);
        Assert.Contains("@{ ModuleName = 'Az.Base'; ModuleVersion = '1.0.0' }", psd1);
        Assert.Contains("function Connect-AzAccount", new StreamReader(zip.GetEntry("Az.Accounts.psm1")!.Open()).ReadToEnd());

        var metadata = NuspecReader.Read(zip.GetEntry("Az.Accounts.nuspec")!.Open(), path);
        Assert.Equal("Az.Accounts", metadata.Id);
        Assert.Equal(NuGetVersion.Parse("2.0.4"), metadata.Version);
        Assert.True(metadata.IsPowerShellModule);
        Assert.Contains("PSCommand_Connect-AzAccount", metadata.Tags);
        Assert.Contains("PSFunction_Connect-AzAccount", metadata.Tags);
        Assert.Contains("PSCmdlet_Get-AzContext", metadata.Tags);
        Assert.Contains("PSCommand_Get-AzContext", metadata.Tags);
        Assert.Contains("Azure", metadata.Tags);
        var dependency = Assert.Single(Assert.Single(metadata.DependencyGroups).Dependencies);
        Assert.Equal("Az.Base", dependency.Id);
    }

    [Fact]
    public void LibraryPackageHoldsALoadableAssemblyPerFrameworkAndGroupsPerFramework()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("Contoso.Lib", "1.2.0")
            .AsLibrary("net8.0", "netstandard2.0")
            .DependsOn("Contoso.Core", "[1.0.0, )")
            .DependsOn("System.Memory", "4.5.5", "netstandard2.0")
            .Build(temp.Path);

        using var zip = ZipFile.OpenRead(path);
        Assert.NotNull(zip.GetEntry("lib/net8.0/Contoso.Lib.dll"));
        Assert.NotNull(zip.GetEntry("lib/netstandard2.0/Contoso.Lib.dll"));

        var dll = temp.Combine("Contoso.Lib.dll");
        zip.GetEntry("lib/net8.0/Contoso.Lib.dll")!.ExtractToFile(dll);
        var context = new AssemblyLoadContext("fixture-check", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(File.ReadAllBytes(dll)));
            var type = assembly.GetType(PackageBuilder.AssemblyCompiler.MarkerTypeName("Contoso.Lib"), throwOnError: true)!;
            Assert.Equal("Contoso.Lib for net8.0", type.GetMethod("Hello")!.Invoke(null, null));
        }
        finally
        {
            context.Unload();
        }

        var metadata = NuspecReader.Read(zip.GetEntry("Contoso.Lib.nuspec")!.Open(), path);
        Assert.Equal(2, metadata.DependencyGroups.Count);
        var net8 = metadata.DependencyGroups.Single(g => g.TargetFramework == NuGetFramework.Parse("net8.0"));
        Assert.Equal(new[] { "Contoso.Core" }, net8.Dependencies.Select(d => d.Id));
        var ns20 = metadata.DependencyGroups.Single(g => g.TargetFramework == NuGetFramework.Parse("netstandard2.0"));
        Assert.Equal(new[] { "Contoso.Core", "System.Memory" }, ns20.Dependencies.Select(d => d.Id));
    }

    [Fact]
    public void HierarchicalLayoutIsLowercaseWithHashAndNuspecBeside()
    {
        using var temp = new TempFolder();
        var path = new PackageBuilder("Foo.Bar", "1.0.0-Beta").AsModule(functions: new[] { "Get-Foo" }).BuildHierarchical(temp.Path);

        Assert.Equal(temp.Combine("foo.bar", "1.0.0-beta", "foo.bar.1.0.0-beta.nupkg"), path);
        Assert.Equal(PackageHash.ComputeSha512OfFile(path), File.ReadAllText(path + ".sha512"));
        Assert.Equal("Foo.Bar", NuspecReader.ReadFile(temp.Combine("foo.bar", "1.0.0-beta", "foo.bar.nuspec")).Id);
    }
}
