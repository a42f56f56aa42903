using DepResolve.Engine.Analysis.PowerShell;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public class VersionHintCommentTests
{
    [Theory]
    [InlineData("# >= 5.3", "[5.3.0, )")]
    [InlineData("#>=5.3", "[5.3.0, )")]
    [InlineData("# 5.3", "[5.3.0, )")]
    [InlineData("# v5.3.1", "[5.3.1, )")]
    [InlineData("# 5.3+", "[5.3.0, )")]
    [InlineData("# [5.0,6.0)", "[5.0.0, 6.0.0)")]
    [InlineData("# [2.1.0]", "[2.1.0, 2.1.0]")]
    [InlineData("# = 2.1", "[2.1.0, 2.1.0]")]
    [InlineData("# == 2.1", "[2.1.0, 2.1.0]")]
    [InlineData("# > 5", "(5.0.0, )")]
    [InlineData("# < 6", "(, 6.0.0)")]
    [InlineData("# <= 6.1", "(, 6.1.0]")]
    [InlineData("# >= 5.3, < 6", "[5.3.0, 6.0.0)")]
    [InlineData("# >= 5.3 < 6.0", "[5.3.0, 6.0.0)")]
    [InlineData("# version 5.3", "[5.3.0, )")]
    [InlineData("# requires: >= 1.2", "[1.2.0, )")]
    [InlineData("<# >= 5.3 #>", "[5.3.0, )")]
    [InlineData("# 2.0.0-beta1", "[2.0.0-beta1, )")]
    public void Reads_version_hints(string comment, string expected)
    {
        Assert.Equal(expected, VersionHintComment.Parse(comment));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("# see issue 42")]
    [InlineData("# 42")]
    [InlineData("# load the Pester module")]
    [InlineData("# >= 6 < 5")]
    [InlineData("# >= 5.3 >= 5.4")]
    [InlineData("# [banana")]
    [InlineData("# 5.3 because of a bug in 5.2")]
    public void Ordinary_comments_are_not_hints(string? comment)
    {
        Assert.Null(VersionHintComment.Parse(comment));
    }
}
