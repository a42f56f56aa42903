using DepResolve.Engine.Resolution;
using NuGet.Versioning;

namespace DepResolve.Engine.Tests.Resolution;

public sealed class RangeTextTests
{
    [Theory]
    [InlineData("[1.0.0, )", "[1.0.0, )", "[1.0.0, )")]
    [InlineData("[1.2.0]", "[1.2.0]", "[1.2.0]")]
    [InlineData("", "(, )", "(any version)")]
    public void PeopleReadAnyVersionWhereLockFilesKeepTheParseableForm(string range, string formatted, string described)
    {
        var parsed = range.Length == 0 ? VersionRange.All : VersionRange.Parse(range);

        Assert.Equal(formatted, RangeText.Format(parsed));
        Assert.Equal(described, RangeText.Describe(parsed));
        Assert.Equal(parsed, VersionRange.Parse(RangeText.Format(parsed)));
    }
}
