using DepResolve.Engine.Model;
using DepResolve.Engine.Resolution;
using DepResolve.Engine.Tests.Fixtures;
using NuGet.Versioning;
using static DepResolve.Engine.Tests.Resolution.Resolve;

namespace DepResolve.Engine.Tests.Resolution;

/// <summary>Why a package is in the set, as the Reason column shows it: an open range reads as words, not "(, )".</summary>
public class RequirementPathTextTests
{
    [Fact]
    public async Task A_requirement_without_a_version_reads_as_any_version_in_the_reason()
    {
        var feed = new InMemoryFeed();
        feed.Package("Contoso.Greeting", "2.0").DependsOn("Contoso.Text", "(, )")
            .Package("Contoso.Text", "1.2");

        var outcome = await With(feed, ResolutionPolicy.Highest, Requirement("Contoso.Greeting", "(, )"));

        Assert.Equal("Contoso.Greeting 2.0.0, Contoso.Text 1.2.0", Chosen(outcome));
        Assert.Equal("deploy.ps1 -> Contoso.Greeting (any version)", outcome.Packages.Single(p => p.Id == "Contoso.Greeting").Reason);
        Assert.Equal("deploy.ps1 -> Contoso.Greeting 2.0.0 -> Contoso.Text (any version)", outcome.Packages.Single(p => p.Id == "Contoso.Text").Reason);
    }

    [Theory]
    [InlineData("[1.0.0, )", "[1.0.0, )")]
    [InlineData("[1.0.0]", "[1.0.0]")]
    [InlineData("(, 2.0.0)", "(, 2.0.0)")]
    [InlineData("(, )", RangeText.AnyVersion)]
    public void Describe_keeps_bounded_ranges_as_Format_prints_them(string range, string expected) =>
        Assert.Equal(expected, RangeText.Describe(VersionRange.Parse(range)));

    [Fact]
    public void Lock_files_keep_the_parseable_form_of_an_open_range() =>
        Assert.Equal(VersionRange.All, VersionRange.Parse(RangeText.Format(VersionRange.All)));
}
