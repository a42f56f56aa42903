using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;

namespace DepResolve.Engine.Tests.Resolution;

/// <summary>A cached resolution's packages read back engine-side: the same versions and ranges, errors naming the package.</summary>
public class ResolvedNodeTests
{
    private static ResolvedPackage Package(string version = "1.2.0", params string[] dependencies) =>
        new() { Id = "Az.Compute", Version = version, Source = "PSGallery", Sha512 = "abc==", Dependencies = [.. dependencies] };

    [Fact]
    public void Packages_that_spell_a_range_alike_read_back_the_same_range()
    {
        var ranges = new ParsedRanges();
        var first = ResolvedNode.FromResolvedPackage(Package("1.2.0", "Az.Accounts [3.0.0, )", "Az.Resources [6.0.0, 7.0.0)"), ranges);
        var second = ResolvedNode.FromResolvedPackage(Package("2.0", "Az.Accounts [3.0.0, )", "Standalone"), ranges);

        Assert.Equal("1.2.0", first.Version.ToNormalizedString());
        Assert.Equal("2.0.0", second.Version.ToNormalizedString());
        Assert.Equal(["Az.Accounts", "Az.Resources"], first.Dependencies.Select(d => d.Id));
        Assert.Equal("[6.0.0, 7.0.0)", first.Dependencies[1].Range.ToNormalizedString());
        Assert.Same(first.Dependencies[0].Range, second.Dependencies[0].Range);
        Assert.Equal(NuGet.Versioning.VersionRange.All, second.Dependencies[1].Range);
    }

    [Theory]
    [InlineData("one.two", "Az.Accounts [3.0.0, )", "'one.two' is not a valid version")]
    [InlineData(" ", "Az.Accounts [3.0.0, )", "' ' is not a valid version")]
    [InlineData("1.2.0", "Az.Accounts [three, )", "'[three, )' is not a valid version range")]
    public void A_version_or_range_that_does_not_parse_is_invalid_input_naming_the_package(string version, string dependency, string message)
    {
        var error = Assert.Throws<DepResolveException>(() => ResolvedNode.FromResolvedPackage(Package(version, dependency), new ParsedRanges()));

        Assert.Equal(ErrorCode.InvalidInput, error.Code);
        Assert.Contains(message, error.Message);
        Assert.Contains($"the resolved package Az.Compute {version}", error.Message);
    }
}
