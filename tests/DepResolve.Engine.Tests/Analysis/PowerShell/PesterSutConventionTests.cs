using DepResolve.Engine.Analysis.PowerShell;
using DepResolve.Engine.Analysis.PowerShell.Facts;

namespace DepResolve.Engine.Tests.Analysis.PowerShell;

public sealed class PesterSutConventionTests
{
    private static readonly string TestFile = Path.Combine(Path.GetTempPath(), "samples", "use-hive.Tests.ps1");

    private static StaticValueEvaluator Pester4Idiom(string sut = "(Split-Path -Leaf $MyInvocation.MyCommand.Path) -replace '\\.Tests', ''") =>
        new(TestFile, [
            new AssignmentFact { VariableName = "here", Value = StaticValue.Dynamic("Split-Path -Parent $MyInvocation.MyCommand.Path") },
            new AssignmentFact { VariableName = "sut", Value = StaticValue.Dynamic(sut) },
        ]);

    [Theory]
    [InlineData("\"$here\\$sut\"")]
    [InlineData("\"$here/$sut\"")]
    [InlineData("(Join-Path $here $sut)")]
    public void The_Pester_4_idiom_dot_sources_the_script_beside_the_test_file(string dotSource)
    {
        Assert.Equal(Path.Combine(Path.GetTempPath(), "samples", "use-hive.ps1"), PesterSutConvention.TryResolve(TestFile, dotSource, Pester4Idiom()));
    }

    [Fact]
    public void A_sut_that_is_not_the_test_file_name_without_Tests_is_not_guessed()
    {
        Assert.Null(PesterSutConvention.TryResolve(TestFile, "\"$here\\$sut\"", Pester4Idiom(sut: "Get-Random -InputObject $files")));
    }

    [Fact]
    public void A_file_that_is_not_a_test_file_is_not_guessed()
    {
        Assert.Null(PesterSutConvention.TryResolve(Path.Combine(Path.GetTempPath(), "deploy.ps1"), "\"$here\\$sut\"", Pester4Idiom()));
    }
}
