using DepResolve.Engine.Model;
using DepResolve.Engine.Packaging;
using DepResolve.Engine.Tests.Fixtures;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Packaging;

public class NuspecReaderTests
{
    private static string Nuspec(string metadataBody, string ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd") =>
        $"<?xml version=\"1.0\"?><package xmlns=\"{ns}\"><metadata>{metadataBody}</metadata></package>";

    [Theory]
    [InlineData("http://schemas.microsoft.com/packaging/2010/07/nuspec.xsd")]
    [InlineData("http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd")]
    [InlineData("http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd")]
    [InlineData("")]
    public void ReadsIdVersionTagsAndTextInAnySchemaVersion(string ns)
    {
        var xml = ns.Length == 0
            ? "<package><metadata><id>Foo.Bar</id><version>1.2.3-beta.1</version><tags> PSModule  PSCommand_Get-Foo\n Azure </tags><description>d</description><authors>me</authors></metadata></package>"
            : Nuspec("<id>Foo.Bar</id><version>1.2.3-beta.1</version><tags> PSModule  PSCommand_Get-Foo\n Azure </tags><description>d</description><authors>me</authors>", ns);

        var metadata = NuspecReader.Parse(xml, "Foo.Bar.nuspec");

        Assert.Equal("Foo.Bar", metadata.Id);
        Assert.Equal(NuGetVersion.Parse("1.2.3-beta.1"), metadata.Version);
        Assert.True(metadata.Version.IsPrerelease);
        Assert.Equal(new[] { "PSModule", "PSCommand_Get-Foo", "Azure" }, metadata.Tags);
        Assert.True(metadata.IsPowerShellModule);
        Assert.Equal("d", metadata.Description);
        Assert.Equal("me", metadata.Authors);
    }

    [Fact]
    public void FlatDependenciesBecomeOneAnyFrameworkGroupWithNuGetRangeMeaning()
    {
        var metadata = NuspecReader.Parse(Nuspec(
            "<id>A</id><version>1.0.0</version><dependencies>"
            + "<dependency id=\"B\" version=\"1.0\" /><dependency id=\"C\" version=\"[2.0.0]\" /><dependency id=\"D\" />"
            + "<dependency id=\"E\" version=\"\" /><dependency id=\"F\" version=\"[1.0, 2.0)\" /></dependencies>"), "a");

        var group = Assert.Single(metadata.DependencyGroups);
        Assert.Equal(NuGetFramework.AnyFramework, group.TargetFramework);
        var byId = group.Dependencies.ToDictionary(d => d.Id, d => d.Range);
        Assert.True(byId["B"].Satisfies(NuGetVersion.Parse("1.0.0")));
        Assert.True(byId["B"].Satisfies(NuGetVersion.Parse("9.0.0")));
        Assert.False(byId["B"].Satisfies(NuGetVersion.Parse("0.9.0")));
        Assert.True(byId["C"].Satisfies(NuGetVersion.Parse("2.0.0")));
        Assert.False(byId["C"].Satisfies(NuGetVersion.Parse("2.0.1")));
        Assert.Equal(VersionRange.All, byId["D"]);
        Assert.Equal(VersionRange.All, byId["E"]);
        Assert.False(byId["F"].Satisfies(NuGetVersion.Parse("2.0.0")));
    }

    [Fact]
    public void GroupsWinOverFlatDependenciesAndKeepEmptyGroups()
    {
        var metadata = NuspecReader.Parse(Nuspec(
            "<id>A</id><version>1.0.0</version><dependencies>"
            + "<group targetFramework=\"net8.0\"><dependency id=\"B\" version=\"[1.0.0, )\" /></group>"
            + "<group targetFramework=\".NETStandard2.0\"><dependency id=\"B\" version=\"1.0\" /><dependency id=\"System.Memory\" version=\"4.5.5\" /></group>"
            + "<group targetFramework=\"net462\" />"
            + "<group><dependency id=\"Any\" version=\"1.0\" /></group>"
            + "</dependencies>"), "a");

        Assert.Equal(4, metadata.DependencyGroups.Count);
        Assert.Equal(NuGetFramework.Parse("net8.0"), metadata.DependencyGroups[0].TargetFramework);
        Assert.Equal(FrameworkConstants.CommonFrameworks.NetStandard20, metadata.DependencyGroups[1].TargetFramework);
        Assert.Equal(new[] { "B", "System.Memory" }, metadata.DependencyGroups[1].Dependencies.Select(d => d.Id));
        Assert.Empty(metadata.DependencyGroups[2].Dependencies);
        Assert.Equal(NuGetFramework.AnyFramework, metadata.DependencyGroups[3].TargetFramework);
    }

    [Fact]
    public void NoDependenciesElementMeansNoGroups()
    {
        var metadata = NuspecReader.Parse(Nuspec("<id>A</id><version>1.0</version>"), "a");
        Assert.Empty(metadata.DependencyGroups);
        Assert.Empty(metadata.Tags);
        Assert.Equal(NuGetVersion.Parse("1.0.0"), metadata.Version);
    }

    [Theory]
    [InlineData("<id>A</id>", "no <version>")]
    [InlineData("<version>1.0</version>", "no <id>")]
    [InlineData("<id>A</id><version>one</version>", "invalid version 'one'")]
    [InlineData("<id>../evil</id><version>1.0</version>", "not a valid package id")]
    [InlineData("<id>CON</id><version>1.0</version>", "not a valid package id")]
    [InlineData("<id>A</id><version>1.0</version><dependencies><dependency id=\"B\" version=\"[1.0\" /></dependencies>", "invalid version range '[1.0'")]
    public void MissingOrBadFieldsAreInvalidPackageNamingTheSource(string body, string expected)
    {
        var ex = Assert.Throws<DepResolveException>(() => NuspecReader.Parse(Nuspec(body), "pkgs/Bad.1.0.nupkg"));
        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains("pkgs/Bad.1.0.nupkg", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<package><metadata><id>A</id>")]
    [InlineData("<nuget><metadata><id>A</id><version>1.0</version></metadata></nuget>")]
    public void BadXmlIsInvalidPackage(string xml)
    {
        var ex = Assert.Throws<DepResolveException>(() => NuspecReader.Parse(xml, "broken.nuspec"));
        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains("broken.nuspec", ex.Message);
    }

    [Fact]
    public void DtdWithExternalEntityIsRefusedAndNeverRead()
    {
        using var temp = new TempFolder();
        var secret = temp.Combine("secret.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE package [ <!ENTITY xxe SYSTEM \"{new Uri(secret).AbsoluteUri}\"> ]>"
            + "<package><metadata><id>A</id><version>1.0</version><description>&xxe;</description></metadata></package>";

        var ex = Assert.Throws<DepResolveException>(() => NuspecReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), "A.1.0.nupkg"));

        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains("A.1.0.nupkg", ex.Message);
        Assert.DoesNotContain("TOP-SECRET-CONTENT", ex.ToString());
    }

    [Fact]
    public void InternalEntityExpansionBombIsRefused()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE package [ <!ENTITY a \"aaaaaaaaaa\"> <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"> ]>"
            + "<package><metadata><id>A</id><version>1.0</version><description>&b;</description></metadata></package>";
        var ex = Assert.Throws<DepResolveException>(() => NuspecReader.Parse(xml, "lol.nuspec"));
        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
    }

    [Fact]
    public void OversizedNuspecIsRefused()
    {
        var xml = Nuspec("<id>A</id><version>1.0</version><description>" + new string('x', (int)NuspecReader.MaxNuspecCharacters) + "</description>");
        var ex = Assert.Throws<DepResolveException>(() => NuspecReader.Parse(xml, "huge.nuspec"));
        Assert.Equal(ErrorCode.InvalidPackage, ex.Code);
        Assert.Contains("huge.nuspec", ex.Message);
    }
}
