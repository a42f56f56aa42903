using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Model;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public class ModuleSpecificationRangeTests
{
    [Theory]
    [InlineData("2.0", null, null, "[2.0.0, )")]
    [InlineData(null, "2.0.4.0", null, "[2.0.4, 2.0.4]")]
    [InlineData(null, "2.0.4", null, "[2.0.4, 2.0.4]")]
    [InlineData(null, null, "3.1", "(, 3.1.0]")]
    [InlineData("1.0", null, "1.9.9", "[1.0.0, 1.9.9]")]
    [InlineData("1.2.3.4", null, null, "[1.2.3.4, )")]
    [InlineData("5", null, null, "[5.0.0, )")]
    [InlineData(null, null, null, null)]
    [InlineData("", " ", "", null)]
    public void Maps_PowerShell_meanings_to_a_normalized_NuGet_range(string? moduleVersion, string? requiredVersion, string? maximumVersion, string? expected)
    {
        Assert.Equal(expected, ModuleSpecificationRange.ToRange(moduleVersion, requiredVersion, maximumVersion));
    }

    [Theory]
    [InlineData("1.*", "(, 1.999999999.999999999.999999999]")]
    [InlineData("1.2.*", "(, 1.2.999999999.999999999]")]
    [InlineData("1.2.3.*", "(, 1.2.3.999999999]")]
    public void A_wildcard_maximum_is_expanded_the_way_PowerShell_does(string maximum, string expected)
    {
        Assert.Equal(expected, ModuleSpecificationRange.ToRange(null, null, maximum));
    }

    [Fact]
    public void A_lone_wildcard_maximum_means_any_version()
    {
        Assert.Null(ModuleSpecificationRange.ToRange(null, null, "*"));
        Assert.Equal("[2.0.0, )", ModuleSpecificationRange.ToRange("2.0", null, "*"));
    }

    [Fact]
    public void A_wildcard_maximum_admits_every_version_of_that_major()
    {
        var range = NuGet.Versioning.VersionRange.Parse(ModuleSpecificationRange.ToRange("1.0", null, "1.*")!);
        Assert.True(range.Satisfies(NuGet.Versioning.NuGetVersion.Parse("1.99.3")));
        Assert.False(range.Satisfies(NuGet.Versioning.NuGetVersion.Parse("2.0.0")));
    }

    [Theory]
    [InlineData("1.0", "2.0", null)]
    [InlineData(null, "2.0", "3.0")]
    [InlineData("abc", null, null)]
    [InlineData(null, null, "1.*.2")]
    [InlineData("3.0", null, "2.0")]
    public void Contradictions_and_bad_versions_are_InvalidInput_naming_the_target(string? moduleVersion, string? requiredVersion, string? maximumVersion)
    {
        var ex = Assert.Throws<DepResolveException>(() => ModuleSpecificationRange.ToRange(moduleVersion, requiredVersion, maximumVersion, "Az.Accounts"));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("Az.Accounts", ex.Message);
        Assert.False(ModuleSpecificationRange.TryToRange(moduleVersion, requiredVersion, maximumVersion, out _, out var error));
        Assert.NotNull(error);
    }
}
